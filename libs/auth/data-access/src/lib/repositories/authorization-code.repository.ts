import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { AuthorizationCodeEntity } from '../entities/authorization-code.entity';

/** Issued authorization codes, each redeemable once. */
@Injectable()
export class AuthorizationCodeRepository {
  constructor(@InjectRepository(AuthorizationCodeEntity) private readonly codes: Repository<AuthorizationCodeEntity>) {}

  async insert(code: AuthorizationCodeEntity): Promise<void> {
    await this.codes.insert(code);
  }

  /**
   * The code's row, removed so it can never be redeemed again; null when it does not exist or a concurrent
   * request took it first (the DELETE decides, so two redemptions cannot both succeed).
   */
  async take(codeHash: string): Promise<AuthorizationCodeEntity | null> {
    const code = await this.codes.findOneBy({ codeHash });
    if (!code) {
      return null;
    }
    const result = await this.codes.delete({ codeHash });
    return (result.affected ?? 0) > 0 ? code : null;
  }

  /** Removes rows whose `expiresAt` (ISO instant) is before `now`. */
  async deleteExpired(now: string): Promise<void> {
    await this.codes.delete({ expiresAt: LessThan(now) });
  }
}
