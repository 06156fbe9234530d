import type { UserRole } from '@connector/contracts';

/** Identity and launch-context scopes any signed-in person may hold (SMART App Launch). */
const IDENTITY_SCOPES: ReadonlySet<string> = new Set(['openid', 'fhirUser', 'offline_access', 'launch/patient']);

/**
 * Whether a user of this role may ever hold the scope: staff may read as themselves (`user/*`) or in a patient
 * context (`patient/*`); patients and their representatives only ever in a patient context.
 * See https://hl7.org/fhir/smart-app-launch/STU2/scopes-and-launch-context.html
 */
export function roleMayHaveScope(role: UserRole, scope: string): boolean {
  if (IDENTITY_SCOPES.has(scope) || scope.startsWith('patient/')) {
    return true;
  }
  switch (role) {
    case 'provider':
    case 'staff':
      return scope.startsWith('user/');
    case 'patient':
    case 'authorized-representative':
      return false;
  }
}
