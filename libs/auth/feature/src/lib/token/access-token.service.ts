import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { accessTokenIssuer, CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { SigningKeyService } from '../keys/signing-key.service';
import { accessTokenClaims } from './access-token-claims.util';
import type { GrantContext } from './grant-context';

/** Signs access tokens: RS256 JWTs the gateway verifies against the JWKS. */
@Injectable()
export class AccessTokenService {
  constructor(
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
    private readonly keys: SigningKeyService,
  ) {}

  /** A token for the grant's user (or, without one, the client itself), valid for `accessTokenTtlSeconds`. */
  async issue(context: GrantContext, clientId: string, scopes: readonly string[]): Promise<string> {
    const key = await this.keys.activeKey();
    const issuedAt = Math.floor(Date.now() / 1000);
    return new SignJWT(accessTokenClaims(context, clientId, scopes))
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .setIssuer(accessTokenIssuer(this.config))
      .setSubject(context.user?.username ?? clientId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.config.accessTokenTtlSeconds)
      .setJti(randomUUID())
      .sign(key.privateKey);
  }
}
