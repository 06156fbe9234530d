import type { UserRole } from '@connector/contracts';
import { roleMayHaveScope } from './role-scope-policy.util';

/**
 * The scopes a token gets: those requested (all the client's when the request names none) that the client may
 * have and the user's role allows, in request order without repeats. Plain string matching for now, so
 * `user/*.read` does not cover `user/Patient.read`. Empty means the request must fail with `invalid_scope`.
 * See https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
export function grantedScopes(
  requested: readonly string[] | undefined,
  clientScopes: readonly string[],
  role: UserRole,
): string[] {
  const allowedForClient = new Set(clientScopes);
  const wanted = requested ?? clientScopes;
  return [...new Set(wanted)].filter((scope) => allowedForClient.has(scope) && roleMayHaveScope(role, scope));
}
