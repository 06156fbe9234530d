import { Inject, Injectable } from '@nestjs/common';
import OAuth2Server, {
  InvalidRequestError,
  Response,
  type Token,
  UnsupportedGrantTypeError,
} from '@node-oauth/oauth2-server';
import {
  AuthorizationCodeRepository,
  GrantRepository,
  RefreshTokenRepository,
  UserRepository,
} from '@connector/auth-data-access';
import type { IssueTokenRequest, OAuthHttpReply } from '@connector/contracts';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { createLogger } from '@connector/shared-logging';
import { AuditTrailService } from '../audit/audit-trail.service';
import { clientIdOf } from '../clients/authenticated-token-request.util';
import { ClientAuthenticatorService } from '../clients/client-authenticator.service';
import { LoginThrottleService } from '../throttle/login-throttle.service';
import { UserCredentialsService } from '../users/user-credentials.service';
import { AccessTokenService } from './access-token.service';
import type { GrantContext } from './grant-context';
import { GRANT_TYPES_WITHOUT_CLIENT_AUTHENTICATION, isImplementedGrantType } from './grant-types.constants';
import { IdTokenService } from './id-token.service';
import { loggedOAuthErrorReply } from './logged-oauth-error-reply.util';
import { presentParameters, toOAuthRequest } from './oauth-request.util';
import { OFFLINE_GRANT_TTL_SECONDS } from './refresh-token.constants';
import { TokenGrantModel, type TokenGrantDependencies } from './token-grant.model';
import { TOKEN_RESPONSE_HEADERS } from './token-response.constants';

/**
 * The OAuth 2.0 token endpoint: authenticates the client (secret, `private_key_jwt` assertion, or a public client's
 * id), throttles password guessing, then lets `@node-oauth/oauth2-server` run the grant against a model bound to
 * that client. See https://www.rfc-editor.org/rfc/rfc6749#section-3.2
 */
@Injectable()
export class TokenEndpointService {
  private readonly logger = createLogger(TokenEndpointService.name);
  private readonly dependencies: TokenGrantDependencies;

  constructor(
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
    private readonly clientAuthenticator: ClientAuthenticatorService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditTrailService,
    private readonly idTokens: IdTokenService,
    users: UserRepository,
    credentials: UserCredentialsService,
    accessTokens: AccessTokenService,
    codes: AuthorizationCodeRepository,
    grants: GrantRepository,
    refreshTokens: RefreshTokenRepository,
  ) {
    this.dependencies = {
      users,
      credentials,
      accessTokens,
      codes,
      grants,
      refreshTokens,
    };
  }

  /** Answers a token request per RFC 6749 §5.1 (success) or §5.2 (error); never throws. */
  async issueToken(request: IssueTokenRequest): Promise<OAuthHttpReply> {
    const form = presentParameters(request.form);
    const grantType = form['grant_type'];
    const event = grantType === 'refresh_token' ? 'refresh' : 'token';
    let clientId = clientIdOf(request);
    const throttleKey = throttleKeyOf(form, clientId);
    try {
      checkGrantType(grantType);
      const throttled = this.throttled(throttleKey, clientId, request.clientIp);
      if (throttled !== undefined) {
        return throttled;
      }
      const client = await this.clientAuthenticator.authenticate(
        request.form,
        request.authorization,
        request.endpointUrl,
      );
      clientId = client.clientId;
      const model = new TokenGrantModel(client, this.dependencies);
      const token = await this.server(model).token(toOAuthRequest(form, client.clientId), new Response());
      const context = token.user as GrantContext;
      this.throttle.recordSuccess(throttleKey, request.clientIp);
      void this.audit.record({
        event,
        outcome: 'success',
        username: context.user?.username,
        clientId,
        ip: request.clientIp,
        detail: grantType,
      });
      return await this.successReply(token, client.clientId, request.endpointUrl);
    } catch (error) {
      // Only the error itself is logged: the request form holds the user's password.
      const reply = loggedOAuthErrorReply(error, this.logger, 'Token request');
      if (GUESSING_ERRORS.has(String(reply.body['error']))) {
        this.throttle.recordFailure(throttleKey, request.clientIp);
      }
      const detail = `${grantType ?? 'no grant_type'}: ${String(reply.body['error'])}`;
      void this.audit.record({
        event,
        outcome: 'failure',
        username: form['username'],
        clientId,
        ip: request.clientIp,
        detail,
      });
      return reply;
    }
  }

  private server(model: TokenGrantModel): OAuth2Server {
    return new OAuth2Server({
      model,
      accessTokenLifetime: this.config.accessTokenTtlSeconds,
      // The grant's own expiry bounds refresh; the library only needs a value at least as long.
      refreshTokenLifetime: OFFLINE_GRANT_TTL_SECONDS,
      // The client is authenticated before the library runs (see ClientAuthenticatorService).
      requireClientAuthentication: GRANT_TYPES_WITHOUT_CLIENT_AUTHENTICATION,
    });
  }

  /** 429 with Retry-After when this user (or client) or this address has failed too often (RFC 6585 §4). */
  private throttled(
    key: string,
    clientId: string | undefined,
    clientIp: string | undefined,
  ): OAuthHttpReply | undefined {
    const retryAfter = this.throttle.retryAfterSeconds(key, clientIp);
    if (retryAfter === undefined) {
      return undefined;
    }
    void this.audit.record({ event: 'throttled', outcome: 'failure', username: key, clientId, ip: clientIp });
    return {
      status: 429,
      body: { error: 'slow_down', error_description: `Too many failed attempts; retry after ${retryAfter} seconds` },
      headers: { ...TOKEN_RESPONSE_HEADERS, 'Retry-After': String(retryAfter) },
    };
  }

  /**
   * RFC 6749 §5.1 plus the SMART launch context: `patient`, `encounter`, `id_token`, `need_patient_banner`,
   * `smart_style_url`. See https://hl7.org/fhir/smart-app-launch/app-launch.html#response-5
   */
  private async successReply(token: Token, clientId: string, endpointUrl: string | undefined): Promise<OAuthHttpReply> {
    const context = token.user as GrantContext;
    const scopes = token.scope ?? [];
    const body: Record<string, unknown> = {
      access_token: token.accessToken,
      token_type: 'Bearer',
      expires_in: this.config.accessTokenTtlSeconds,
      scope: scopes.join(' '),
    };
    if (token.refreshToken !== undefined) {
      body['refresh_token'] = token.refreshToken;
    }
    if (context.patientId !== null) {
      body['patient'] = context.patientId;
    }
    if (context.encounterId !== null) {
      body['encounter'] = context.encounterId;
    }
    // The launch extras belong to apps a user authorized (code flow and its refreshes), not to service apps.
    if (context.user && context.grantId !== null) {
      // The configured public base URL wins, as it does for every link the gateway writes.
      const origin = this.config.baseUrl ?? (endpointUrl === undefined ? '' : new URL(endpointUrl).origin);
      body['need_patient_banner'] = context.patientId !== null && context.launchType === 'standalone';
      body['smart_style_url'] = `${origin}/oauth/smart-style.json`;
      if (this.idTokens.wanted(scopes)) {
        body['id_token'] = await this.idTokens.issue(context.user, clientId, context.nonce, `${origin}/fhir`);
      }
    }
    return { status: 200, body, headers: { ...TOKEN_RESPONSE_HEADERS } };
  }
}

/** Failures that mean someone may be guessing a password, secret, code or refresh token: they count toward 429. */
const GUESSING_ERRORS: ReadonlySet<string> = new Set(['invalid_client', 'invalid_grant']);

/** Whose failures a token request counts toward: the user of a password grant, else the client. */
function throttleKeyOf(form: Readonly<Record<string, string>>, clientId: string | undefined): string {
  const username = form['username'];
  return form['grant_type'] === 'password' && username !== undefined ? username : `client:${clientId ?? ''}`;
}

/**
 * The grant type is checked before the client: an unknown grant is `unsupported_grant_type` (RFC 6749 §5.2) whoever
 * asks, and the library would otherwise report it as a client authentication failure.
 */
function checkGrantType(grantType: string | undefined): void {
  if (grantType === undefined) {
    throw new InvalidRequestError('Missing parameter: `grant_type`');
  }
  if (!isImplementedGrantType(grantType)) {
    throw new UnsupportedGrantTypeError('Unsupported grant type: `grant_type` is not supported by this server');
  }
}
