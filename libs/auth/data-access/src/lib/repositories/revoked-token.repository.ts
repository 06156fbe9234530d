import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { RevokedTokenEntity } from '../entities/revoked-token.entity';
import { isUniqueViolation } from './unique-violation.util';

/** Token ids that must not be accepted again before they expire (revoked access tokens, used assertions). */
@Injectable()
export class RevokedTokenRepository {
  constructor(@InjectRepository(RevokedTokenEntity) private readonly revoked: Repository<RevokedTokenEntity>) {}

  /** Records the key; false when it was already recorded (the primary key decides, so replays race safely). */
  async insertIfAbsent(tokenKey: string, expiresAt: string): Promise<boolean> {
    try {
      await this.revoked.insert({ tokenKey, expiresAt });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) {
        return false;
      }
      throw error;
    }
  }

  async has(tokenKey: string): Promise<boolean> {
    return (await this.revoked.countBy({ tokenKey })) > 0;
  }

  async deleteExpired(now: string): Promise<void> {
    await this.revoked.delete({ expiresAt: LessThan(now) });
  }
}
