import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SigningKeyEntity } from '../entities/signing-key.entity';
import { isUniqueViolation } from './unique-violation.util';

/** Stores token-signing keys; at most one is active (a unique index guarantees it). */
@Injectable()
export class SigningKeyRepository {
  constructor(@InjectRepository(SigningKeyEntity) private readonly keys: Repository<SigningKeyEntity>) {}

  /** The key that signs new tokens, if one exists yet. */
  findActive(): Promise<SigningKeyEntity | null> {
    // Raw condition: the column holds 1 for the active key (see activeFlagTransformer).
    return this.keys.createQueryBuilder('key').where('key.active = 1').getOne();
  }

  /** Every key whose tokens may still be presented: the JWKS publishes all their public halves. */
  findAll(): Promise<SigningKeyEntity[]> {
    return this.keys.find({ order: { createdAt: 'ASC', kid: 'ASC' } });
  }

  /**
   * Makes `key` the active key and retires the current one in one transaction (the retired key stays, so tokens it
   * signed keep verifying until they expire).
   */
  async rotate(key: SigningKeyEntity): Promise<void> {
    await this.keys.manager.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(SigningKeyEntity)
        .set({ active: () => 'NULL' })
        .where('active = 1')
        .execute();
      await manager.insert(SigningKeyEntity, { ...key, active: true });
    });
  }

  /**
   * Stores a new active key unless another one is already active; false when another copy of the service won
   * the race, in which case the caller must use {@link findActive} instead of its own key.
   */
  async insertActiveIfAbsent(key: SigningKeyEntity): Promise<boolean> {
    try {
      await this.keys.insert({ ...key, active: true });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) {
        return false;
      }
      throw error;
    }
  }
}
