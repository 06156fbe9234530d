import { Inject, Injectable } from '@nestjs/common';
import { createLocalJWKSet, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
import {
  type GrantEntity,
  GrantRepository,
  type RefreshTokenEntity,
  RefreshTokenRepository,
} from '@connector/auth-data-access';
import { accessTokenIssuer, CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { SigningKeyService } from '../keys/signing-key.service';
import { SIGNING_ALGORITHM } from '../keys/signing-key.constants';
import { sha256Hex } from '../secrets/token-hash.util';

/** The claims of an access token this service signed, still within its lifetime. */
export interface IssuedAccessToken extends JWTPayload {
  readonly jti: string;
  readonly exp: number;
  readonly client_id: string;
  /** The grant it was minted from (authorization code or refresh), if any. */
  readonly grant?: string;
}

/** A stored refresh token and the grant it belongs to (null when the grant row is gone). */
export interface IssuedRefreshToken {
  readonly token: RefreshTokenEntity;
  readonly grant: GrantEntity | null;
}

/**
 * Recognises a token presented to the introspection or revocation endpoint as one this server issued: an access token
 * by its signature (own keys, own issuer, unexpired), a refresh token by the hash it is stored under.
 */
@Injectable()
export class IssuedTokenService {
  constructor(
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
    private readonly signingKeys: SigningKeyService,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly grants: GrantRepository,
  ) {}

  /** The verified claims, or undefined for anything else (another issuer's JWT, an expired one, a refresh token). */
  async accessToken(token: string): Promise<IssuedAccessToken | undefined> {
    const keys = createLocalJWKSet((await this.signingKeys.jwks()) as unknown as JSONWebKeySet);
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: accessTokenIssuer(this.config),
        algorithms: [SIGNING_ALGORITHM],
        requiredClaims: ['exp', 'jti', 'client_id'],
      });
      return payload as IssuedAccessToken;
    } catch {
      // Not verifiable here means not an active access token of this server: callers answer accordingly.
      return undefined;
    }
  }

  async refreshToken(token: string): Promise<IssuedRefreshToken | undefined> {
    const stored = await this.refreshTokens.findByHash(sha256Hex(token));
    if (!stored) {
      return undefined;
    }
    return { token: stored, grant: await this.grants.findById(stored.grantId) };
  }
}
