import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ClientEntity } from '../entities/client.entity';
import { isUniqueViolation } from './unique-violation.util';

/** Reads and adds OAuth clients. */
@Injectable()
export class ClientRepository {
  constructor(@InjectRepository(ClientEntity) private readonly clients: Repository<ClientEntity>) {}

  findByClientId(clientId: string): Promise<ClientEntity | null> {
    return this.clients.findOneBy({ clientId });
  }

  /** Adds the client unless the id is taken; false when it is (decided by the primary key, so race-free). */
  async insertIfAbsent(client: ClientEntity): Promise<boolean> {
    try {
      await this.clients.insert(client);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) {
        return false;
      }
      throw error;
    }
  }
}
