import { Inject, Injectable } from '@nestjs/common';
import type { ClientEntity } from '@connector/auth-data-access';
import type { IssueTokenRequest, OAuthHttpReply } from '@connector/contracts';
import { accessTokenIssuer, CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { TokenRequestEndpoint } from '../clients/token-request-endpoint.service';
import { grantStands } from '../revocation/grant-standing.util';
import { TokenStatusService } from '../revocation/token-status.service';
import { type IssuedAccessToken, type IssuedRefreshToken, IssuedTokenService } from './issued-token.service';

const INACTIVE = { active: false };

/**
 * OAuth 2.0 Token Introspection: tells an authenticated client whether a token it was issued is active, and what it
 * grants. Tokens of other clients are reported inactive, so the endpoint reveals nothing about them.
 * See https://www.rfc-editor.org/rfc/rfc7662
 */
@Injectable()
export class TokenIntrospectionService {
  constructor(
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
    private readonly endpoint: TokenRequestEndpoint,
    private readonly issued: IssuedTokenService,
    private readonly tokenStatus: TokenStatusService,
  ) {}

  /** RFC 7662 §2.2 answer (200 JSON) or an RFC 6749 §5.2 error (bad request, failed client authentication); never throws. */
  introspect(request: IssueTokenRequest): Promise<OAuthHttpReply> {
    return this.endpoint.answer('introspect', request, async ({ client, token, tokenTypeHint }) => {
      const body = await this.describe(token, tokenTypeHint, client);
      return { body, detail: `active=${String(body['active'])}` };
    });
  }

  /** RFC 7662 §2.1: the hint only decides which kind is looked up first; both kinds are always tried. */
  private async describe(
    token: string,
    hint: string | undefined,
    client: ClientEntity,
  ): Promise<Record<string, unknown>> {
    const asAccess = async () => {
      const claims = await this.issued.accessToken(token);
      return claims && this.describeAccess(claims, client);
    };
    const asRefresh = async () => {
      const found = await this.issued.refreshToken(token);
      return found && this.describeRefresh(found, client);
    };
    const lookups = hint === 'refresh_token' ? [asRefresh, asAccess] : [asAccess, asRefresh];
    for (const lookup of lookups) {
      const description = await lookup();
      if (description !== undefined) {
        return description;
      }
    }
    return INACTIVE;
  }

  private async describeAccess(claims: IssuedAccessToken, client: ClientEntity): Promise<Record<string, unknown>> {
    if (claims.client_id !== client.clientId) {
      return INACTIVE;
    }
    if (!(await this.tokenStatus.status({ jti: claims.jti, grant: claims.grant })).active) {
      return INACTIVE;
    }
    return withoutUndefined({
      active: true,
      scope: claims['scope'],
      client_id: claims.client_id,
      // Backend services act as themselves (sub = client_id): there is no user to name.
      username: claims.sub === claims.client_id ? undefined : claims.sub,
      sub: claims.sub,
      token_type: 'Bearer',
      exp: claims.exp,
      iat: claims.iat,
      iss: claims.iss,
      jti: claims.jti,
      patient: claims['patient'],
      fhirUser: claims['fhirUser'],
    });
  }

  private describeRefresh({ token, grant }: IssuedRefreshToken, client: ClientEntity): Record<string, unknown> {
    // A used refresh token was rotated away: presenting it again is a replay, never an active token.
    if (token.usedAt !== null || !grantStands(grant, new Date()) || grant.clientId !== client.clientId) {
      return INACTIVE;
    }
    return withoutUndefined({
      active: true,
      scope: grant.scopes.join(' '),
      client_id: grant.clientId,
      username: grant.username,
      sub: grant.username,
      exp: Math.floor(Date.parse(grant.expiresAt) / 1000),
      iat: Math.floor(Date.parse(token.createdAt) / 1000),
      iss: accessTokenIssuer(this.config),
      patient: grant.patientId ?? undefined,
    });
  }
}

function withoutUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
