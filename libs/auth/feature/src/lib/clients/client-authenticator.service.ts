import { Injectable } from '@nestjs/common';
import { InvalidClientError } from '@node-oauth/oauth2-server';
import { type ClientEntity, ClientRepository } from '@connector/auth-data-access';
import { verifySecret } from '../secrets/secret-hash.util';
import { ClientAssertionVerifier } from './client-assertion.verifier';
import { hasRegisteredKeys } from './client-key-set.util';
import { type PresentedCredentials, presentedCredentials } from './presented-credentials.util';

const INVALID_CLIENT = 'Invalid client: client is invalid';

/**
 * Authenticates the client of a token, introspection or revocation request by the one method it registered for:
 * `private_key_jwt` when it has keys, its secret when it has one, else (a public client) its `client_id` alone.
 * Throws the OAuth library's `InvalidClientError` / `InvalidRequestError`, which `oauthErrorReply` maps to HTTP.
 * See https://www.rfc-editor.org/rfc/rfc6749#section-2.3 and https://www.rfc-editor.org/rfc/rfc7523#section-2.2
 */
@Injectable()
export class ClientAuthenticatorService {
  constructor(
    private readonly clients: ClientRepository,
    private readonly assertions: ClientAssertionVerifier,
  ) {}

  /** `endpointUrl`: the public URL the request was sent to, the audience a client assertion must name. */
  async authenticate(
    form: Readonly<Record<string, unknown>> | undefined,
    authorization: string | undefined,
    endpointUrl: string | undefined,
  ): Promise<ClientEntity> {
    const presented = presentedCredentials(form ?? {}, authorization);
    if (presented.kind === 'assertion') {
      if (endpointUrl === undefined) {
        // A wiring fault, not the client's: without the URL no audience can be checked.
        throw new Error('A client assertion cannot be verified without the endpoint URL');
      }
      return this.assertions.verify(presented.assertion, presented.clientId, endpointUrl);
    }
    const client = await this.clients.findByClientId(presented.clientId);
    if (!client || !(await authenticatesWithoutAssertion(client, presented))) {
      throw new InvalidClientError(INVALID_CLIENT);
    }
    return client;
  }
}

/** A client with keys never authenticates this way; one with a secret needs it; a public client must send none. */
async function authenticatesWithoutAssertion(
  client: ClientEntity,
  presented: Exclude<PresentedCredentials, { kind: 'assertion' }>,
): Promise<boolean> {
  if (hasRegisteredKeys(client)) {
    return false;
  }
  if (client.secretHash === null) {
    return presented.kind === 'none';
  }
  return presented.kind === 'secret' && verifySecret(presented.secret, client.secretHash);
}
