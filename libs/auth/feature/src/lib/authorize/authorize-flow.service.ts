import { Injectable } from '@nestjs/common';
import {
  type AuthorizationRequestEntity,
  AuthorizationRequestRepository,
  type ClientEntity,
  ClientRepository,
  type UserEntity,
  UserRepository,
} from '@connector/auth-data-access';
import type { AuthPageReply, AuthPageRequest } from '@connector/contracts';
import { AuditTrailService } from '../audit/audit-trail.service';
import { LoginThrottleService } from '../throttle/login-throttle.service';
import { UserCredentialsService } from '../users/user-credentials.service';
import { AuthorizationCodeIssuer } from './authorization-code.issuer';
import {
  consentPage,
  loginPage,
  type PatientChoice,
  patientPickerPage,
  type ScopeChoice,
} from './authorize-pages.html';
import { errorPageReply, errorRedirect, htmlReply } from './authorize-reply.util';
import { AuthorizeStartService } from './authorize-start.service';
import { bindingOf, bindingSecretOf, sameSecret } from './browser-binding.util';
import { allParams, firstParam } from './flow-params.util';
import { PatientContextResolver } from './patient-context.resolver';
import { RECORD_CATEGORIES } from './record-categories.constants';
import { describeScope } from './scope-description.util';
import { categoryChoiceValue, narrowedScopes, offersCategories } from './scope-narrowing.util';

/**
 * The browser side of the authorization code flow: login → patient picker (when `launch/patient` needs one) →
 * consent → redirect with a code. Each POST must come from the browser that started the request (cookie) with the
 * form the server rendered for the current step (CSRF token). See https://hl7.org/fhir/smart-app-launch/app-launch.html
 */
@Injectable()
export class AuthorizeFlowService {
  constructor(
    private readonly start: AuthorizeStartService,
    private readonly requests: AuthorizationRequestRepository,
    private readonly clients: ClientRepository,
    private readonly users: UserRepository,
    private readonly credentials: UserCredentialsService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditTrailService,
    private readonly patientContext: PatientContextResolver,
    private readonly codes: AuthorizationCodeIssuer,
  ) {}

  async handle(page: AuthPageRequest): Promise<AuthPageReply> {
    if (page.step === 'authorize') {
      return this.start.begin(page);
    }
    if (page.method !== 'POST') {
      return errorPageReply(405, 'Method not allowed', 'This page only accepts the form it showed you.');
    }
    const flow = await this.resume(page);
    if ('reply' in flow) {
      return flow.reply;
    }
    switch (page.step) {
      case 'login':
        return this.login(page, flow.request, flow.client);
      case 'patient':
        return this.pickPatient(page, flow.request, flow.client);
      case 'consent':
        return this.consent(page, flow.request, flow.client);
    }
  }

  /** The stored request this POST continues, if it is live, from the same browser, with the current CSRF token. */
  private async resume(
    page: AuthPageRequest,
  ): Promise<{ request: AuthorizationRequestEntity; client: ClientEntity } | { reply: AuthPageReply }> {
    const id = firstParam(page.params, 'request');
    const request = id === undefined ? null : await this.requests.findById(id);
    const secret = bindingSecretOf(page.cookie);
    const valid =
      request !== null &&
      request.expiresAt > new Date().toISOString() &&
      secret !== undefined &&
      sameSecret(bindingOf(secret), request.browserBinding) &&
      sameSecret(firstParam(page.params, 'csrf'), request.csrfToken);
    if (!valid) {
      return {
        reply: errorPageReply(
          400,
          'Sign-in expired',
          'This sign-in request is unknown, has expired or was opened in another browser. Start again from the application.',
        ),
      };
    }
    if (request.step !== page.step) {
      return {
        reply: errorPageReply(
          409,
          'Out of order',
          'This step is not the current one. Start again from the application.',
        ),
      };
    }
    const client = await this.clients.findByClientId(request.clientId);
    if (!client) {
      return { reply: errorPageReply(400, 'Unknown application', 'The application is no longer registered.') };
    }
    return { request, client };
  }

  private async login(page: AuthPageRequest, request: AuthorizationRequestEntity, client: ClientEntity) {
    const username = firstParam(page.params, 'username') ?? '';
    const password = firstParam(page.params, 'password') ?? '';
    const fields = { request: request.id, csrf: request.csrfToken };
    const retryAfter = this.throttle.retryAfterSeconds(username, page.clientIp);
    if (retryAfter !== undefined) {
      this.auditStep('throttled', 'failure', username, client, page);
      const message = `Too many failed sign-ins. Try again in ${retryAfter} seconds.`;
      const page429 = loginPage(fields, client.name, message, username);
      return htmlReply(429, page429, { 'retry-after': String(retryAfter) }, request.redirectUri);
    }
    const user = await this.credentials.verify(username, password);
    if (!user) {
      this.throttle.recordFailure(username, page.clientIp);
      this.auditStep('login', 'failure', username, client, page);
      const page401 = loginPage(fields, client.name, 'Wrong username or password.', username);
      return htmlReply(401, page401, {}, request.redirectUri);
    }
    this.throttle.recordSuccess(username, page.clientIp);
    this.auditStep('login', 'success', username, client, page);
    return this.afterLogin(page, request, client, user);
  }

  private auditStep(
    event: 'login' | 'consent' | 'throttled',
    outcome: 'success' | 'failure',
    username: string | undefined,
    client: ClientEntity,
    page: AuthPageRequest,
    detail?: string,
  ): void {
    void this.audit.record({ event, outcome, username, clientId: client.clientId, ip: page.clientIp, detail });
  }

  private async afterLogin(
    page: AuthPageRequest,
    request: AuthorizationRequestEntity,
    client: ClientEntity,
    user: UserEntity,
  ): Promise<AuthPageReply> {
    const scopes = this.patientContext.scopesFor(request, client, user);
    if (scopes.length === 0) {
      await this.requests.delete(request.id);
      return errorRedirect(
        request.redirectUri,
        'invalid_scope',
        'None of the requested scopes may be granted to this user',
        request.state,
      );
    }
    const context = await this.patientContext.initialPatient(request, user, scopes, page.fhirBaseUrls[0] ?? '');
    if (context.kind === 'denied') {
      await this.requests.delete(request.id);
      return errorRedirect(request.redirectUri, 'access_denied', context.reason, request.state);
    }
    const next: AuthorizationRequestEntity = {
      ...request,
      username: user.username,
      scopes,
      patientId: context.kind === 'known' ? context.patientId : null,
      step: context.kind === 'pick' ? 'patient' : 'consent',
    };
    await this.requests.update(next);
    return context.kind === 'pick'
      ? this.pickerReply(next, '', context.choices, undefined)
      : this.consentReply(next, client, page, undefined);
  }

  private async pickPatient(page: AuthPageRequest, request: AuthorizationRequestEntity, client: ClientEntity) {
    const query = firstParam(page.params, 'q') ?? '';
    const chosen = firstParam(page.params, 'patient');
    const user = await this.users.findByUsername(request.username ?? '');
    const fhirBase = page.fhirBaseUrls[0] ?? '';
    const picker = async (error: string | undefined) =>
      this.pickerReply(request, query, user ? await this.patientContext.choices(user, query, fhirBase) : [], error);
    if (firstParam(page.params, 'action') !== 'select' || chosen === undefined) {
      return picker(firstParam(page.params, 'action') === 'select' ? 'Choose a patient to continue.' : undefined);
    }
    if (!user || !(await this.patientContext.mayPick(user, chosen, fhirBase))) {
      return picker('That patient is not available to you.');
    }
    const next: AuthorizationRequestEntity = { ...request, patientId: chosen, step: 'consent' };
    await this.requests.update(next);
    return this.consentReply(next, client, page, undefined);
  }

  private async consent(page: AuthPageRequest, request: AuthorizationRequestEntity, client: ClientEntity) {
    if (!(await this.requests.delete(request.id))) {
      return errorPageReply(
        409,
        'Already answered',
        'This request was already answered. Start again from the application.',
      );
    }
    const username = request.username ?? undefined;
    if (firstParam(page.params, 'decision') !== 'allow') {
      this.auditStep('consent', 'failure', username, client, page, 'denied');
      return errorRedirect(request.redirectUri, 'access_denied', 'The user denied the request', request.state);
    }
    // The user can only take scopes away: anything posted that was not offered is ignored.
    const ticked = new Set(allParams(page.params, 'scope'));
    const scopes = narrowedScopes(
      request.scopes.filter((scope) => ticked.has(scope)),
      new Set(allParams(page.params, 'withhold')),
    );
    if (scopes.length === 0) {
      this.auditStep('consent', 'failure', username, client, page, 'no scope');
      return errorRedirect(request.redirectUri, 'access_denied', 'The user granted no scope', request.state);
    }
    this.auditStep('consent', 'success', username, client, page, scopes.join(' '));
    return this.codes.issue({ ...request, scopes });
  }

  private pickerReply(
    request: AuthorizationRequestEntity,
    query: string,
    patients: readonly PatientChoice[],
    error: string | undefined,
  ): AuthPageReply {
    return htmlReply(
      error === undefined ? 200 : 400,
      patientPickerPage({ request: request.id, csrf: request.csrfToken }, patients, query, error),
      {},
      request.redirectUri,
    );
  }

  private async consentReply(
    request: AuthorizationRequestEntity,
    client: ClientEntity,
    page: AuthPageRequest,
    error?: string,
  ) {
    const choices: ScopeChoice[] = request.scopes.map((scope) => ({
      scope,
      description: describeScope(scope),
      ...(offersCategories(scope)
        ? {
            categories: RECORD_CATEGORIES.map((category) => ({
              value: categoryChoiceValue(scope, category.id),
              label: category.label,
            })),
          }
        : {}),
    }));
    const patientName =
      request.patientId === null
        ? undefined
        : await this.patientContext.nameOf(request.patientId, page.fhirBaseUrls[0] ?? '');
    return htmlReply(
      200,
      consentPage({ request: request.id, csrf: request.csrfToken }, client.name, choices, patientName, error),
      {},
      request.redirectUri,
    );
  }
}
