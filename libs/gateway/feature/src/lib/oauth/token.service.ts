import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IssueTokenRequest, OAuthHttpReply } from '@connector/contracts';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { SERVICE_CLIENTS, type ServiceClients } from '@connector/shared-transport';
import { publicOrigin } from '../http/base-url.util';
import type { FormBody } from '../http/body-parsers';
import { oauthError } from './oauth-reply.util';
import { oauthUrls } from './oauth-urls.util';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** The OAuth endpoints whose form posts are relayed to the auth service. */
export type OAuthFormEndpoint = 'token' | 'introspect' | 'revoke';

/**
 * `POST /oauth/token`, `/oauth/introspect`, `/oauth/revoke`: checks only the request's shape and forwards the form,
 * the Authorization header, the caller's address and the endpoint's public URL (the audience a client assertion
 * names) to the auth service, which alone decides. See https://www.rfc-editor.org/rfc/rfc6749#section-3.2
 */
@Injectable()
export class TokenService {
  constructor(
    @Inject(SERVICE_CLIENTS) private readonly clients: ServiceClients,
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
  ) {}

  async relay(subject: string, endpoint: OAuthFormEndpoint, request: FastifyRequest): Promise<OAuthHttpReply> {
    if (mediaTypeOf(request.headers['content-type']) !== FORM_CONTENT_TYPE) {
      return oauthError(400, 'invalid_request', `The request must be ${FORM_CONTENT_TYPE}`);
    }
    const fields = Object.entries((request.body ?? {}) as FormBody);
    if (fields.some(([, values]) => values.length !== 1)) {
      return oauthError(400, 'invalid_request', 'Request parameters must not be repeated');
    }
    const form = Object.fromEntries(fields.map(([name, values]) => [name, values[0]]));
    const relayed = Object.assign(new IssueTokenRequest(), {
      form,
      authorization: request.headers.authorization,
      clientIp: request.ip,
      endpointUrl: oauthUrls(publicOrigin(this.config, request))[endpoint],
    });
    return this.clients.get('auth').request(subject, relayed, OAuthHttpReply);
  }
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0].trim().toLowerCase();
}
