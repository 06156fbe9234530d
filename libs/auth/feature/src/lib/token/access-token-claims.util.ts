import type { JWTPayload } from 'jose';
import type { UserEntity } from '@connector/auth-data-access';
import { patientContextOf } from './patient-context.util';

/**
 * The private claims of an access token (the registered ones — iss, sub, iat, exp, jti — are set while signing):
 * who the client is, what it may do, and whom the user is and acts for.
 */
export function accessTokenClaims(user: UserEntity, clientId: string, scopes: readonly string[]): JWTPayload {
  const claims: JWTPayload = { client_id: clientId, scope: scopes.join(' '), role: user.role };
  if (user.fhirUser) {
    claims['fhirUser'] = user.fhirUser;
  }
  const patient = patientContextOf(user);
  if (patient !== undefined) {
    claims['patient'] = patient;
  }
  if (user.patientIds.length > 0) {
    claims['patients'] = [...user.patientIds];
  }
  return claims;
}
