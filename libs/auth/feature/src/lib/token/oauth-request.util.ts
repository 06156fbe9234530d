import { InvalidRequestError, Request } from '@node-oauth/oauth2-server';
import type { IssueTokenRequest } from '@connector/contracts';
import { basicAuthorization, parseBasicCredentials } from './basic-credentials.util';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/**
 * The OAuth library's view of a token request relayed by the gateway: a POST with the urlencoded form as body and
 * the client's Authorization header, if any, normalised to what the library can read.
 */
export function toOAuthRequest(request: IssueTokenRequest): Request {
  const body = presentParameters(request.form);
  const headers: Record<string, string> = {
    'content-type': FORM_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(new URLSearchParams(body).toString())),
  };
  if (request.authorization) {
    // RFC 6749 §2.3: a client must not use more than one authentication method in one request.
    if (body['client_secret'] !== undefined) {
      throw new InvalidRequestError('Invalid request: use either HTTP Basic or `client_secret`, not both');
    }
    headers['authorization'] = basicAuthorization(parseBasicCredentials(request.authorization));
  }
  return new Request({ method: 'POST', query: {}, headers, body });
}

/** RFC 6749 §3.1: parameters sent without a value are treated as if they were omitted. */
function presentParameters(form: Record<string, unknown> | undefined): Record<string, string> {
  const entries = Object.entries(form ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );
  return Object.fromEntries(entries);
}
