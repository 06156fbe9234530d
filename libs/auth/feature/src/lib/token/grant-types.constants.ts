import { GRANT_TYPES, type GrantType } from '@connector/contracts';

/** Whether `grantType` is one this server issues tokens for: every grant the contracts know. */
export function isImplementedGrantType(grantType: string): grantType is GrantType {
  return (GRANT_TYPES as readonly string[]).includes(grantType);
}

/**
 * Tells the OAuth library not to authenticate clients itself for any grant: ClientAuthenticatorService has done it
 * (including `private_key_jwt`, which the library does not know) before the library runs.
 */
export const GRANT_TYPES_WITHOUT_CLIENT_AUTHENTICATION = Object.fromEntries(
  GRANT_TYPES.map((grantType) => [grantType, false]),
) as Record<GrantType, boolean>;
