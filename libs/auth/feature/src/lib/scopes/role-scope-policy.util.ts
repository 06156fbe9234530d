import type { UserRole } from '@connector/contracts';
import type { SmartScope } from '@connector/smart-scopes';

/**
 * Whether a user of this role may ever hold the scope: identity and launch scopes are anyone's; staff may read as
 * themselves (`user/`) or in a patient context (`patient/`); patients and their representatives only ever in a
 * patient context; `system/` belongs to backend services, never to a user.
 * See https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */
export function roleMayHaveScope(role: UserRole, scope: SmartScope): boolean {
  if (scope.kind !== 'resource') {
    return true;
  }
  switch (scope.context) {
    case 'patient':
      return true;
    case 'system':
      return false;
    case 'user':
      return role === 'provider' || role === 'staff';
  }
}
