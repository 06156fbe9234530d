import { Injectable } from '@nestjs/common';
import {
  AuthorizationRequestEntity,
  AuthorizationRequestRepository,
  type ClientEntity,
  ClientRepository,
  type LaunchContextEntity,
  LaunchContextRepository,
} from '@connector/auth-data-access';
import type { AuthPageReply, AuthPageRequest } from '@connector/contracts';
import { AuditTrailService } from '../audit/audit-trail.service';
import { loginPage } from './authorize-pages.html';
import { errorPageReply, errorRedirect, htmlReply } from './authorize-reply.util';
import { validateAuthorizeRequest, type ValidAuthorizeRequest } from './authorize-request.validator';
import { AUTHORIZE_REQUEST_TTL_SECONDS } from './authorize.constants';
import { bindingCookie, bindingOf, bindingSecretOf, randomToken } from './browser-binding.util';
import { firstValues } from './flow-params.util';

/**
 * `GET/POST /oauth/authorize`: validates the app's request, remembers it server-side and shows the login page.
 * See https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1
 */
@Injectable()
export class AuthorizeStartService {
  constructor(
    private readonly clients: ClientRepository,
    private readonly requests: AuthorizationRequestRepository,
    private readonly launches: LaunchContextRepository,
    private readonly audit: AuditTrailService,
  ) {}

  async begin(page: AuthPageRequest): Promise<AuthPageReply> {
    const params = firstValues(page.params);
    const client = await this.clients.findByClientId(params['client_id'] ?? '');
    const validation = validateAuthorizeRequest(params, client, page.fhirBaseUrls);
    if (validation.kind === 'page') {
      void this.audit.record({
        event: 'authorize',
        outcome: 'failure',
        clientId: params['client_id'],
        ip: page.clientIp,
        detail: validation.message,
      });
      return errorPageReply(400, 'Cannot sign in', validation.message);
    }
    if (validation.kind === 'redirect') {
      void this.audit.record({
        event: 'authorize',
        outcome: 'failure',
        clientId: client?.clientId,
        ip: page.clientIp,
        detail: validation.error,
      });
      return errorRedirect(validation.redirectUri, validation.error, validation.description, validation.state);
    }
    const registeredClient = client as ClientEntity;
    const launch = await this.launchOf(validation);
    const launchError = launchProblem(validation, launch, registeredClient);
    if (launchError !== undefined) {
      return errorRedirect(validation.redirectUri, 'invalid_request', launchError, validation.state);
    }
    return this.store(page, registeredClient, validation, launch);
  }

  private async launchOf(validation: ValidAuthorizeRequest): Promise<LaunchContextEntity | null> {
    if (validation.launch === null) {
      return null;
    }
    const launch = await this.launches.findById(validation.launch);
    return launch && launch.expiresAt > new Date().toISOString() ? launch : null;
  }

  private async store(
    page: AuthPageRequest,
    client: ClientEntity,
    validation: ValidAuthorizeRequest,
    launch: LaunchContextEntity | null,
  ): Promise<AuthPageReply> {
    // One binding secret per browser: several sign-ins in parallel tabs share it instead of overwriting each other.
    const secret = bindingSecretOf(page.cookie) ?? randomToken();
    const request = Object.assign(new AuthorizationRequestEntity(), {
      id: randomToken(),
      browserBinding: bindingOf(secret),
      csrfToken: randomToken(),
      clientId: client.clientId,
      redirectUri: validation.redirectUri,
      scopes: validation.scopes,
      state: validation.state,
      codeChallenge: validation.codeChallenge,
      nonce: validation.nonce,
      launchPatient: launch?.patientId ?? null,
      launchEncounter: launch?.encounterId ?? null,
      launchType: launch === null ? 'standalone' : 'ehr',
      step: 'login',
      username: null,
      patientId: null,
      expiresAt: new Date(Date.now() + AUTHORIZE_REQUEST_TTL_SECONDS * 1000).toISOString(),
    } satisfies AuthorizationRequestEntity);
    await this.requests.insert(request);
    void this.audit.record({ event: 'authorize', outcome: 'success', clientId: client.clientId, ip: page.clientIp });
    const cookie = bindingCookie(secret, page.secure, AUTHORIZE_REQUEST_TTL_SECONDS);
    const html = loginPage({ request: request.id, csrf: request.csrfToken }, client.name);
    return htmlReply(200, html, { 'set-cookie': cookie }, request.redirectUri);
  }
}

/** Why the launch parameter (or its absence) does not fit this client, if it does not. */
function launchProblem(
  validation: ValidAuthorizeRequest,
  launch: LaunchContextEntity | null,
  client: ClientEntity,
): string | undefined {
  if (validation.launch !== null && launch === null) {
    return 'launch is unknown or expired';
  }
  const kind = validation.launch === null ? 'standalone' : 'ehr';
  if (client.launchTypes.length > 0 && !client.launchTypes.includes(kind)) {
    return `This client is not registered for ${kind} launch`;
  }
  return undefined;
}
