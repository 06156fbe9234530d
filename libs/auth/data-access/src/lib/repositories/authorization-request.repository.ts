import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { AuthorizationRequestEntity } from '../entities/authorization-request.entity';

/** Pending authorize requests, while the user is on the login, patient-picker and consent pages. */
@Injectable()
export class AuthorizationRequestRepository {
  constructor(
    @InjectRepository(AuthorizationRequestEntity) private readonly requests: Repository<AuthorizationRequestEntity>,
  ) {}

  async insert(request: AuthorizationRequestEntity): Promise<void> {
    await this.requests.insert(request);
  }

  findById(id: string): Promise<AuthorizationRequestEntity | null> {
    return this.requests.findOneBy({ id });
  }

  async update(request: AuthorizationRequestEntity): Promise<void> {
    await this.requests.update({ id: request.id }, { ...request });
  }

  /** Ends the request; true when this call removed it (a double submit of the last page loses the race). */
  async delete(id: string): Promise<boolean> {
    const result = await this.requests.delete({ id });
    return (result.affected ?? 0) > 0;
  }

  async deleteExpired(now: string): Promise<void> {
    await this.requests.delete({ expiresAt: LessThan(now) });
  }
}
