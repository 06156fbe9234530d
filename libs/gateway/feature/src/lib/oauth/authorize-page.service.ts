import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthPageReply, AuthPageRequest, type AuthorizeStep, AuthSubjects } from '@connector/contracts';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { SERVICE_CLIENTS, type ServiceClients } from '@connector/shared-transport';
import { FHIR_BASE_PATHS } from '../gateway.constants';
import { publicOrigin } from '../http/base-url.util';
import type { FormBody } from '../http/body-parsers';
import { rawQueryParams } from '../http/raw-query.util';

/**
 * Relays a browser's request in the authorize flow to the auth service, which validates it and renders the page:
 * the query of a GET, the form of a POST (repeats kept: the consent page posts one `scope` per box), the cookie,
 * and which FHIR base URLs `aud` may name.
 */
@Injectable()
export class AuthorizePageService {
  constructor(
    @Inject(SERVICE_CLIENTS) private readonly clients: ServiceClients,
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
  ) {}

  relay(step: AuthorizeStep, request: FastifyRequest): Promise<AuthPageReply> {
    const origin = publicOrigin(this.config, request);
    const page = Object.assign(new AuthPageRequest(), {
      step,
      method: request.method === 'POST' ? 'POST' : 'GET',
      params: request.method === 'POST' ? formPairs(request.body) : rawQueryParams(request.url),
      ...(request.headers.cookie === undefined ? {} : { cookie: request.headers.cookie }),
      clientIp: request.ip,
      fhirBaseUrls: FHIR_BASE_PATHS.map((path) => `${origin}${path}`),
      secure: origin.startsWith('https:'),
    } satisfies AuthPageRequest);
    return this.clients.get('auth').request(AuthSubjects.authorizePage, page, AuthPageReply);
  }
}

/** A urlencoded form as ordered pairs; any other body (JSON, none) carries no parameters. */
function formPairs(body: unknown): [string, string][] {
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) {
    return [];
  }
  return Object.entries(body as FormBody).flatMap(([name, values]) =>
    values.map((value): [string, string] => [name, value]),
  );
}
