import type { UserEntity } from '@connector/auth-data-access';

/**
 * The SMART `patient` launch context of a user: their own Patient id when they are a patient linked to exactly one
 * record, else none. See https://hl7.org/fhir/smart-app-launch/STU2/scopes-and-launch-context.html#launch-context-arrives-with-your-access_token
 */
export function patientContextOf(user: UserEntity): string | undefined {
  return user.role === 'patient' && user.patientIds.length === 1 ? user.patientIds[0] : undefined;
}
