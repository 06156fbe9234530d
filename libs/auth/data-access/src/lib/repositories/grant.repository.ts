import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { GrantEntity } from '../entities/grant.entity';

/** Users' authorizations of clients, which refresh tokens and access tokens point back to. */
@Injectable()
export class GrantRepository {
  constructor(@InjectRepository(GrantEntity) private readonly grants: Repository<GrantEntity>) {}

  async insert(grant: GrantEntity): Promise<void> {
    await this.grants.insert(grant);
  }

  findById(id: string): Promise<GrantEntity | null> {
    return this.grants.findOneBy({ id });
  }

  /** Marks the grant revoked (once: the first revocation time is kept). */
  async revoke(id: string, at: string): Promise<void> {
    await this.grants.update({ id, revokedAt: IsNull() }, { revokedAt: at });
  }
}
