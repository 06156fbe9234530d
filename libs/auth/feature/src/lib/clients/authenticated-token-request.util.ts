import { InvalidRequestError } from '@node-oauth/oauth2-server';
import type { ClientEntity } from '@connector/auth-data-access';
import type { IssueTokenRequest } from '@connector/contracts';
import { parseBasicCredentials } from '../token/basic-credentials.util';
import type { ClientAuthenticatorService } from './client-authenticator.service';

/** An introspection or revocation request whose client has authenticated. */
export interface AuthenticatedTokenRequest {
  readonly client: ClientEntity;
  /** The token asked about. */
  readonly token: string;
  readonly tokenTypeHint: string | undefined;
}

/**
 * Authenticates the client and reads the `token` (required) and `token_type_hint` parameters that RFC 7662 §2.1
 * and RFC 7009 §2.1 share. Throws the OAuth library's errors, as the authenticator does.
 */
export async function authenticatedTokenRequest(
  authenticator: ClientAuthenticatorService,
  request: IssueTokenRequest,
): Promise<AuthenticatedTokenRequest> {
  const client = await authenticator.authenticate(request.form, request.authorization, request.endpointUrl);
  const token = request.form['token'];
  if (typeof token !== 'string' || token === '') {
    throw new InvalidRequestError('Missing parameter: `token`');
  }
  const hint = request.form['token_type_hint'];
  return { client, token, tokenTypeHint: typeof hint === 'string' && hint !== '' ? hint : undefined };
}

/** The client id a request names (body or Basic header), for the audit trail of a request that failed. */
export function clientIdOf(request: IssueTokenRequest): string | undefined {
  const fromBody = request.form['client_id'];
  if (typeof fromBody === 'string' && fromBody !== '') {
    return fromBody;
  }
  try {
    return request.authorization === undefined ? undefined : parseBasicCredentials(request.authorization).clientId;
  } catch {
    return undefined;
  }
}
