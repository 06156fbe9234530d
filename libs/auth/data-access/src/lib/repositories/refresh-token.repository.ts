import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';

/** Refresh tokens by hash, with single-use rotation. */
@Injectable()
export class RefreshTokenRepository {
  constructor(@InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>) {}

  async insert(token: RefreshTokenEntity): Promise<void> {
    await this.tokens.insert(token);
  }

  findByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.tokens.findOneBy({ tokenHash });
  }

  /** Marks an unused token used; false when it was already used (a replay, or a concurrent refresh). */
  async markUsed(tokenHash: string, at: string): Promise<boolean> {
    const result = await this.tokens.update({ tokenHash, usedAt: IsNull() }, { usedAt: at });
    return (result.affected ?? 0) > 0;
  }
}
