import { Inject, Injectable } from '@nestjs/common';
import { AuthSubjects, IssueTokenRequest, OAuthHttpReply } from '@connector/contracts';
import { SERVICE_CLIENTS, type ServiceClients } from '@connector/shared-transport';
import type { FormBody } from '../http/body-parsers';
import { oauthError } from './oauth-reply.util';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/**
 * `POST /oauth/token`: checks only the request's shape and forwards the form and Authorization header to the
 * auth service, which alone decides (RFC 6749 §3.2, §4.3). See https://www.rfc-editor.org/rfc/rfc6749#section-3.2
 */
@Injectable()
export class TokenService {
  constructor(@Inject(SERVICE_CLIENTS) private readonly clients: ServiceClients) {}

  async issue(
    contentType: string | undefined,
    body: unknown,
    authorization: string | undefined,
  ): Promise<OAuthHttpReply> {
    if (mediaTypeOf(contentType) !== FORM_CONTENT_TYPE) {
      return oauthError(400, 'invalid_request', `The token request must be ${FORM_CONTENT_TYPE}`);
    }
    const fields = Object.entries((body ?? {}) as FormBody);
    if (fields.some(([, values]) => values.length !== 1)) {
      return oauthError(400, 'invalid_request', 'Request parameters must not be repeated');
    }
    const form = Object.fromEntries(fields.map(([name, values]) => [name, values[0]]));
    const request = Object.assign(new IssueTokenRequest(), { form, authorization });
    return this.clients.get('auth').request(AuthSubjects.issueToken, request, OAuthHttpReply);
  }
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0].trim().toLowerCase();
}
