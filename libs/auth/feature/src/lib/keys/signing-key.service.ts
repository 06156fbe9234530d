import { Injectable, type OnModuleInit } from '@nestjs/common';
import { importJWK, type JWK, type KeyLike } from 'jose';
import { type SigningKeyEntity, SigningKeyRepository } from '@connector/auth-data-access';
import type { JwksReply, RotateSigningKeyReply } from '@connector/contracts';
import { createLogger } from '@connector/shared-logging';
import { newSigningKey } from './new-signing-key.util';
import { publicJwkOf } from './public-jwk.util';
import { ACTIVE_KEY_RECHECK_MS } from './signing-key.constants';

/** The key that signs access tokens, ready to use. */
export interface ActiveSigningKey {
  readonly kid: string;
  readonly alg: string;
  readonly privateKey: KeyLike;
}

/**
 * Owns the token-signing key: creates one on first start, then keeps the imported private key in memory because
 * signing is on the hot path of every token request.
 */
@Injectable()
export class SigningKeyService implements OnModuleInit {
  private readonly logger = createLogger(SigningKeyService.name);
  private active: Promise<ActiveSigningKey> | undefined;
  private loadedAt = 0;

  constructor(private readonly keys: SigningKeyRepository) {}

  /** Creates the key at start-up so the first token request does not pay for RSA key generation. */
  async onModuleInit(): Promise<void> {
    await this.activeKey();
  }

  /**
   * The active key, loaded (or created) once and re-read every {@link ACTIVE_KEY_RECHECK_MS}, so that a rotation
   * done by one copy of the service (or the CLI) reaches every copy within that time.
   */
  activeKey(): Promise<ActiveSigningKey> {
    if (Date.now() - this.loadedAt > ACTIVE_KEY_RECHECK_MS) {
      this.active = undefined;
    }
    this.active ??= this.load();
    return this.active;
  }

  /**
   * Signs new tokens with a fresh key from now on; the old key stays published until its tokens have expired.
   * See https://www.rfc-editor.org/rfc/rfc7517#section-4.5 (`kid`)
   */
  async rotate(): Promise<RotateSigningKeyReply> {
    const previous = await this.keys.findActive();
    const key = await newSigningKey(new Date());
    await this.keys.rotate(key);
    this.active = undefined;
    this.logger.info({ kid: key.kid, previousKid: previous?.kid }, 'Rotated the token signing key');
    return { kid: key.kid, ...(previous ? { previousKid: previous.kid } : {}) };
  }

  private load(): Promise<ActiveSigningKey> {
    this.loadedAt = Date.now();
    return this.loadOrCreate().catch((error: unknown) => {
      // Do not cache a failure (e.g. the database was briefly down): the next call tries again.
      this.active = undefined;
      throw error;
    });
  }

  /** The public keys that verify tokens this service signed. See https://www.rfc-editor.org/rfc/rfc7517#section-5 */
  async jwks(): Promise<JwksReply> {
    const keys = await this.keys.findAll();
    return { keys: keys.map((key) => ({ ...publicJwkOf(key) })) };
  }

  private async loadOrCreate(): Promise<ActiveSigningKey> {
    const existing = await this.keys.findActive();
    if (existing) {
      return importSigningKey(existing);
    }
    const candidate = await newSigningKey(new Date());
    if (await this.keys.insertActiveIfAbsent(candidate)) {
      this.logger.info({ kid: candidate.kid }, 'Created a new token signing key');
      return importSigningKey(candidate);
    }
    // Another copy of the service stored its key first: everyone must sign with that one.
    const winner = await this.keys.findActive();
    if (!winner) {
      throw new Error('No active signing key after an insert conflict');
    }
    return importSigningKey(winner);
  }
}

async function importSigningKey(key: SigningKeyEntity): Promise<ActiveSigningKey> {
  const privateKey = await importJWK(JSON.parse(key.privateJwk) as JWK, key.alg);
  return { kid: key.kid, alg: key.alg, privateKey: privateKey as KeyLike };
}
