import type { AccessContext } from '@connector/contracts';
import { accessContextFromScopes, parseSmartScopes, type ScopeInteraction } from '@connector/smart-scopes';
import type { AccessTokenClaims } from './access-token-claims';
import { insufficientScope } from './insufficient-scope.util';

const PATIENT_ROLES: ReadonlySet<unknown> = new Set(['patient', 'authorized-representative']);

/**
 * The patients a patient user's or authorized representative's token is always bounded to, if it is one. A token
 * carrying a `patients` list counts too, whatever its role: that list names the patients a user acts for.
 */
export function patientUserContextOf(claims: AccessTokenClaims | undefined): readonly string[] | undefined {
  const patients = claims?.['patients'];
  if (Array.isArray(patients)) {
    return patients.filter((id): id is string => typeof id === 'string');
  }
  if (!PATIENT_ROLES.has(claims?.['role'])) {
    return undefined;
  }
  const patient = claims?.['patient'];
  // A patient or representative token without any linked patient sees nothing rather than everything.
  return typeof patient === 'string' ? [patient] : [];
}

/**
 * The access context a read (also vread and history) or a search of `resourceType` carries to the owning service,
 * which applies it inside its queries: the types, granular constraints and patient compartments the token's SMART
 * scopes allow for that interaction. A type the token does not grant is a 403 here, before any service is asked.
 * See https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */
export function accessContextOf(
  claims: AccessTokenClaims | undefined,
  resourceType: string,
  interaction: ScopeInteraction,
): AccessContext {
  const scopes = parseSmartScopes(claims?.scope);
  const patientUser = patientUserContextOf(claims);
  const launchPatient = claims?.['patient'];
  const access = accessContextFromScopes({
    scopes,
    interaction,
    ...(patientUser === undefined ? {} : { patientUser }),
    ...(typeof launchPatient === 'string' ? { launchPatient } : {}),
  });
  if (access.resourceTypes !== undefined && !access.resourceTypes.includes(resourceType)) {
    throw insufficientScope(scopes, resourceType, interaction, patientUser !== undefined);
  }
  return access;
}
