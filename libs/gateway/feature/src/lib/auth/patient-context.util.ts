import { FhirError } from '@connector/fhir-outcomes';
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
 * A patient's token never reads another patient's data. Until patient-compartment filtering lands in the services
 * (it needs the compartment definitions and search indexes), a patient-context token may read only the Patient
 * resources of its own patients; everything else is refused rather than risked.
 */
export function assertPatientContextAllows(
  claims: AccessTokenClaims | undefined,
  resourceType: string,
  id: string,
): void {
  const patients = patientContextOf(claims);
  if (patients === undefined) {
    return;
  }
  if (resourceType === 'Patient' && patients.includes(id)) {
    return;
  }
  if (resourceType === 'Patient') {
    throw FhirError.forbidden(`This token may read only its own patient's record, not Patient/${id}`);
  }
  throw FhirError.forbidden(
    `A patient-context token may read only its Patient resource for now; reading ${resourceType} is not yet allowed`,
  );
}

/**
 * Searches by a patient-context token are refused for now: a search spans patients, and until the services filter
 * by patient compartment inside the query (dropping rows afterwards would leak counts and break paging), nothing
 * narrower is safe. See https://hl7.org/fhir/R4/compartmentdefinition-patient.html
 */
export function assertPatientContextAllowsSearch(claims: AccessTokenClaims | undefined, resourceType: string): void {
  if (patientContextOf(claims) !== undefined) {
    throw FhirError.forbidden(
      `A patient-context token may not search ${resourceType} yet: only its Patient may be read`,
    );
  }
}
