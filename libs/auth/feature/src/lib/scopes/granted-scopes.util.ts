import type { UserRole } from '@connector/contracts';
import { parseSmartScope, scopeCovers, type SmartScope } from '@connector/smart-scopes';
import { roleMayHaveScope } from './role-scope-policy.util';

/**
 * The scopes a user's token gets: those requested (all the client's when the request names none) that one of the
 * client's scopes covers (`user/*.read` covers `user/Patient.rs`) and the user's role allows, in request order
 * without repeats; malformed scopes are dropped. Empty means the request must fail with `invalid_scope`.
 * See https://www.rfc-editor.org/rfc/rfc6749#section-3.3
 */
export function grantedScopes(
  requested: readonly string[] | undefined,
  clientScopes: readonly string[],
  role: UserRole,
): string[] {
  return coveredScopes(requested, clientScopes, (scope) => roleMayHaveScope(role, scope));
}

/**
 * The scopes a backend-services token (a client acting for no user) gets: only `system/` resource scopes that one
 * of the client's scopes covers. See https://hl7.org/fhir/smart-app-launch/backend-services.html#scopes
 */
export function backendServiceScopes(
  requested: readonly string[] | undefined,
  clientScopes: readonly string[],
): string[] {
  return coveredScopes(requested, clientScopes, (scope) => scope.kind === 'resource' && scope.context === 'system');
}

function coveredScopes(
  requested: readonly string[] | undefined,
  clientScopes: readonly string[],
  allowed: (scope: SmartScope) => boolean,
): string[] {
  const client = clientScopes.map((text) => parseSmartScope(text)).filter((scope) => scope !== undefined);
  return [...new Set(requested ?? clientScopes)].filter((text) => {
    const scope = parseSmartScope(text);
    return scope !== undefined && allowed(scope) && client.some((clientScope) => scopeCovers(clientScope, scope));
  });
}
