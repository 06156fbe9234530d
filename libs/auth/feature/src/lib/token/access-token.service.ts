import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import type { UserEntity } from '@connector/auth-data-access';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { SigningKeyService } from '../keys/signing-key.service';
import { accessTokenClaims } from './access-token-claims.util';

/** Signs access tokens: RS256 JWTs the gateway verifies against the JWKS. */
@Injectable()
export class AccessTokenService {
  constructor(
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
    private readonly keys: SigningKeyService,
  ) {}

  /** A token for the user acting through the client, valid for `accessTokenTtlSeconds` from now. */
  async issue(user: UserEntity, clientId: string, scopes: readonly string[]): Promise<string> {
    const key = await this.keys.activeKey();
    const issuedAt = Math.floor(Date.now() / 1000);
    return new SignJWT(accessTokenClaims(user, clientId, scopes))
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .setIssuer(this.config.baseUrl ?? 'connector')
      .setSubject(user.username)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.config.accessTokenTtlSeconds)
      .setJti(randomUUID())
      .sign(key.privateKey);
  }
}
