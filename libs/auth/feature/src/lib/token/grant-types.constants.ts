import type { GrantType } from '@connector/contracts';

/** Grants this server issues tokens for (every grant the contracts know). */
export const IMPLEMENTED_GRANT_TYPES: readonly GrantType[] = [
  'password',
  'authorization_code',
  'refresh_token',
  'client_credentials',
];

export function isImplementedGrantType(grantType: string): boolean {
  return (IMPLEMENTED_GRANT_TYPES as readonly string[]).includes(grantType);
}

/**
 * Tells the OAuth library not to authenticate clients itself for any grant: ClientAuthenticatorService has done it
 * (including `private_key_jwt`, which the library does not know) before the library runs.
 */
export const GRANT_TYPES_WITHOUT_CLIENT_AUTHENTICATION: Record<GrantType, boolean> = {
  password: false,
  authorization_code: false,
  refresh_token: false,
  client_credentials: false,
};
