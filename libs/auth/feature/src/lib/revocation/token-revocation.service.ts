import { Injectable } from '@nestjs/common';
import { type ClientEntity, GrantRepository, RevokedTokenRepository } from '@connector/auth-data-access';
import type { IssueTokenRequest, OAuthHttpReply } from '@connector/contracts';
import { TokenRequestEndpoint } from '../clients/token-request-endpoint.service';
import { IssuedTokenService } from '../introspection/issued-token.service';
import { revokedAccessTokenKey } from './revoked-token-key.util';

/**
 * OAuth 2.0 Token Revocation. A refresh token takes its whole grant with it (every token minted from it); an access
 * token is refused until it expires, and its grant with it. The answer is 200 whether or not the token was known or
 * the client's own (RFC 7009 §2.2), so the endpoint reveals nothing. See https://www.rfc-editor.org/rfc/rfc7009
 */
@Injectable()
export class TokenRevocationService {
  constructor(
    private readonly endpoint: TokenRequestEndpoint,
    private readonly issued: IssuedTokenService,
    private readonly revoked: RevokedTokenRepository,
    private readonly grants: GrantRepository,
  ) {}

  /** 200 with an empty JSON object, or an RFC 6749 §5.2 error (bad request, failed client authentication). */
  revoke(request: IssueTokenRequest): Promise<OAuthHttpReply> {
    return this.endpoint.answer('revoke', request, async ({ client, token, tokenTypeHint }) => {
      await this.revokeEither(token, tokenTypeHint, client);
      return { body: {} };
    });
  }

  /** RFC 7009 §2.1: the hint only decides which kind is looked up first; an unknown hint is ignored. */
  private async revokeEither(token: string, hint: string | undefined, client: ClientEntity): Promise<void> {
    const attempts = [() => this.revokeAccessToken(token, client), () => this.revokeRefreshToken(token, client)];
    if (hint === 'refresh_token') {
      attempts.reverse();
    }
    for (const attempt of attempts) {
      if (await attempt()) {
        return;
      }
    }
  }

  /** True when the token is a live access token of this server (revoked when it is the client's own). */
  private async revokeAccessToken(token: string, client: ClientEntity): Promise<boolean> {
    const claims = await this.issued.accessToken(token);
    if (claims === undefined) {
      return false;
    }
    if (claims.client_id === client.clientId) {
      await this.revoked.insertIfAbsent(revokedAccessTokenKey(claims.jti), new Date(claims.exp * 1000).toISOString());
      if (claims.grant !== undefined) {
        await this.grants.revoke(claims.grant, new Date().toISOString());
      }
    }
    return true;
  }

  /** True when the token is a stored refresh token (its grant revoked when it is the client's own). */
  private async revokeRefreshToken(token: string, client: ClientEntity): Promise<boolean> {
    const found = await this.issued.refreshToken(token);
    if (found === undefined) {
      return false;
    }
    if (found.grant !== null && found.grant.clientId === client.clientId) {
      await this.grants.revoke(found.grant.id, new Date().toISOString());
    }
    return true;
  }
}
