import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify } from 'jose';
import { AuthSubjects, TokenStatusReply, TokenStatusRequest } from '@connector/contracts';
import { accessTokenIssuer, CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { SERVICE_CLIENTS, type ServiceClients } from '@connector/shared-transport';
import { CLOCK, type Clock } from '../clock';
import type { AccessTokenClaims } from './access-token-claims';
import { AccessTokenError } from './access-token.error';
import { JwksService, type KeyResolver } from './jwks.service';
import { VerifiedTokenCache } from './verified-token.cache';

const UNKNOWN_KEY = Symbol('UNKNOWN_KEY');

/**
 * Verifies RS256 access tokens against the auth service's JWKS (issuer and expiry enforced), asks the auth service
 * whether a revocable token (one with a `jti` or a `grant`) still stands, and remembers the answer for at most
 * `VERIFIED_TOKEN_MAX_AGE_MS` (60 s). Throws {@link AccessTokenError} for a bad or revoked token; a FhirError (503)
 * when the keys or the status cannot be fetched. See https://www.rfc-editor.org/rfc/rfc6750
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly cache: VerifiedTokenCache;
  private readonly issuer: string;

  constructor(
    private readonly jwks: JwksService,
    @Inject(SERVICE_CLIENTS) private readonly clients: ServiceClients,
    @Inject(CONNECTOR_CONFIG) config: ConnectorConfig,
    @Inject(CLOCK) private readonly now: Clock,
  ) {
    this.cache = new VerifiedTokenCache(config.tokenCacheSize);
    this.issuer = accessTokenIssuer(config);
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    const verifiedAt = this.now();
    const cached = this.cache.get(token, verifiedAt);
    if (cached !== undefined) {
      return cached;
    }
    const claims = await this.verifySignature(token);
    await this.requireStanding(claims);
    this.cache.set(token, claims, verifiedAt);
    return claims;
  }

  /** A token the auth service revoked (itself or its grant, RFC 7009) is refused like a bad one. */
  private async requireStanding(claims: AccessTokenClaims): Promise<void> {
    const { jti, grant } = claims;
    const request = Object.assign(new TokenStatusRequest(), {
      ...(typeof jti === 'string' ? { jti } : {}),
      ...(typeof grant === 'string' ? { grant } : {}),
    });
    if (request.jti === undefined && request.grant === undefined) {
      // Nothing names the token, so nothing can have revoked it: no need to ask.
      return;
    }
    const status = await this.clients.get('auth').request(AuthSubjects.tokenStatus, request, TokenStatusReply);
    if (!status.active) {
      throw new AccessTokenError('invalid');
    }
  }

  private async verifySignature(token: string): Promise<AccessTokenClaims> {
    const claims = await this.attempt(token, await this.jwks.keyResolver());
    if (claims !== UNKNOWN_KEY) {
      return claims;
    }
    if (await this.jwks.refetchForUnknownKey()) {
      const retried = await this.attempt(token, await this.jwks.keyResolver());
      if (retried !== UNKNOWN_KEY) {
        return retried;
      }
    }
    throw new AccessTokenError('invalid');
  }

  private async attempt(token: string, keys: KeyResolver): Promise<AccessTokenClaims | typeof UNKNOWN_KEY> {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: this.issuer,
        algorithms: ['RS256'],
        requiredClaims: ['exp'],
        currentDate: new Date(this.now()),
      });
      return payload as AccessTokenClaims;
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey) {
        return UNKNOWN_KEY;
      }
      if (error instanceof errors.JOSEError) {
        throw new AccessTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
      }
      throw error;
    }
  }
}
