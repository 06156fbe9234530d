import type { ClientEntity } from '@connector/auth-data-access';

/** Whether the client registered public keys, and so must authenticate with a signed assertion (`private_key_jwt`). */
export function hasRegisteredKeys(client: ClientEntity): boolean {
  return Boolean(client.jwks) || Boolean(client.jwksUri);
}
