import { Inject, Injectable } from '@nestjs/common';
import OAuth2Server, { Response, type Token } from '@node-oauth/oauth2-server';
import type { UserEntity } from '@connector/auth-data-access';
import type { IssueTokenRequest, OAuthHttpReply } from '@connector/contracts';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { createLogger } from '@connector/shared-logging';
import { oauthErrorReply } from './oauth-error-reply.util';
import { toOAuthRequest } from './oauth-request.util';
import { PasswordGrantModel } from './password-grant.model';
import { patientContextOf } from './patient-context.util';
import { TOKEN_RESPONSE_HEADERS } from './token-response.constants';

/** The OAuth 2.0 token endpoint. See https://www.rfc-editor.org/rfc/rfc6749#section-3.2 */
@Injectable()
export class TokenEndpointService {
  private readonly logger = createLogger(TokenEndpointService.name);
  private readonly server: OAuth2Server;

  constructor(
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
    model: PasswordGrantModel,
  ) {
    this.server = new OAuth2Server({
      model,
      accessTokenLifetime: config.accessTokenTtlSeconds,
      // RFC 6749 §4.3.2: only confidential clients must authenticate; a public client sends its client_id alone.
      requireClientAuthentication: { password: false },
    });
  }

  /** Answers a token request per RFC 6749 §5.1 (success) or §5.2 (error); never throws. */
  async issueToken(request: IssueTokenRequest): Promise<OAuthHttpReply> {
    try {
      const token = await this.server.token(toOAuthRequest(request), new Response());
      return this.successReply(token);
    } catch (error) {
      const reply = oauthErrorReply(error, request.form?.['grant_type']);
      if (reply.status >= 500) {
        // Only the error itself: the request form holds the user's password.
        const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
        this.logger.error({ err: { name, message, stack } }, 'Token request failed');
      }
      return reply;
    }
  }

  private successReply(token: Token): OAuthHttpReply {
    const body: Record<string, unknown> = {
      access_token: token.accessToken,
      token_type: 'Bearer',
      expires_in: this.config.accessTokenTtlSeconds,
      scope: (token.scope ?? []).join(' '),
    };
    const patient = patientContextOf(token.user as UserEntity);
    if (patient !== undefined) {
      body['patient'] = patient;
    }
    return { status: 200, body, headers: { ...TOKEN_RESPONSE_HEADERS } };
  }
}
