import type { GrantType } from '@connector/contracts';

/**
 * Grants this server issues tokens for. A client may be registered for others (the contracts know more), but
 * until they are implemented a request for one is answered `unsupported_grant_type`.
 */
export const IMPLEMENTED_GRANT_TYPES: readonly GrantType[] = ['password'];

export function isImplementedGrantType(grantType: string): boolean {
  return (IMPLEMENTED_GRANT_TYPES as readonly string[]).includes(grantType);
}
