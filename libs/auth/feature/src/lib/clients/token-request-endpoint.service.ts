import { Injectable } from '@nestjs/common';
import type { IssueTokenRequest, OAuthHttpReply } from '@connector/contracts';
import { createLogger } from '@connector/shared-logging';
import { AuditTrailService } from '../audit/audit-trail.service';
import { loggedOAuthErrorReply } from '../token/logged-oauth-error-reply.util';
import { TOKEN_RESPONSE_HEADERS } from '../token/token-response.constants';
import {
  type AuthenticatedTokenRequest,
  authenticatedTokenRequest,
  clientIdOf,
} from './authenticated-token-request.util';
import { ClientAuthenticatorService } from './client-authenticator.service';

/** What an introspection or revocation answers once its client is authenticated, and a note for the audit trail. */
export interface TokenRequestAnswer {
  readonly body: Record<string, unknown>;
  readonly detail?: string;
}

/**
 * The frame RFC 7662 introspection and RFC 7009 revocation share: authenticate the client and read `token`, do the
 * endpoint's work, answer 200 (`no-store`) or the RFC 6749 §5.2 error, and audit the outcome either way. Never throws.
 */
@Injectable()
export class TokenRequestEndpoint {
  private readonly logger = createLogger(TokenRequestEndpoint.name);

  constructor(
    private readonly authenticator: ClientAuthenticatorService,
    private readonly audit: AuditTrailService,
  ) {}

  async answer(
    event: 'introspect' | 'revoke',
    request: IssueTokenRequest,
    work: (authenticated: AuthenticatedTokenRequest) => Promise<TokenRequestAnswer>,
  ): Promise<OAuthHttpReply> {
    try {
      const authenticated = await authenticatedTokenRequest(this.authenticator, request);
      const { body, detail } = await work(authenticated);
      const clientId = authenticated.client.clientId;
      void this.audit.record({ event, outcome: 'success', clientId, ip: request.clientIp, detail });
      return { status: 200, body, headers: { ...TOKEN_RESPONSE_HEADERS } };
    } catch (error) {
      const what = event === 'introspect' ? 'Token introspection' : 'Token revocation';
      const reply = loggedOAuthErrorReply(error, this.logger, what);
      const detail = String(reply.body['error']);
      void this.audit.record({
        event,
        outcome: 'failure',
        clientId: clientIdOf(request),
        ip: request.clientIp,
        detail,
      });
      return reply;
    }
  }
}
