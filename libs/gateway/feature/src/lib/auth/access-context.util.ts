import { type AccessContext, FULL_ACCESS } from '@connector/contracts';
import type { AccessTokenClaims } from './access-token-claims';

/** The patients a patient-context token (a patient user or an authorized representative) may see, if it is one. */
export function patientContextOf(claims: AccessTokenClaims | undefined): readonly string[] | undefined {
  const patients = claims?.['patients'];
  if (Array.isArray(patients)) {
    return patients.filter((id): id is string => typeof id === 'string');
  }
  const patient = claims?.['patient'];
  if (typeof patient === 'string') {
    return [patient];
  }
  const role = claims?.['role'];
  // A patient or representative token without any linked patient sees nothing rather than everything.
  return role === 'patient' || role === 'authorized-representative' ? [] : undefined;
}

/**
 * The access context every read and search message carries to the owning service, which applies it inside its
 * queries: a patient-context token is bounded to its patients' compartments. Scope-based type and granular limits
 * come with SMART scopes. See https://hl7.org/fhir/R4/compartmentdefinition-patient.html
 */
export function accessContextOf(claims: AccessTokenClaims | undefined): AccessContext {
  const patients = patientContextOf(claims);
  return patients === undefined ? FULL_ACCESS : { patients: [...patients] };
}
