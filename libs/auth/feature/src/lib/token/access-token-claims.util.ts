import type { JWTPayload } from 'jose';
import type { GrantContext } from './grant-context';

/**
 * The private claims of an access token (the registered ones — iss, sub, iat, exp, jti — are set while signing):
 * who the client is, what it may do, whom the user is and acts for, and which grant can revoke it.
 */
export function accessTokenClaims(context: GrantContext, clientId: string, scopes: readonly string[]): JWTPayload {
  const claims: JWTPayload = { client_id: clientId, scope: scopes.join(' ') };
  const user = context.user;
  if (user) {
    claims['role'] = user.role;
    if (user.fhirUser) {
      claims['fhirUser'] = user.fhirUser;
    }
  }
  if (context.patientId !== null) {
    claims['patient'] = context.patientId;
  }
  if (user && (user.role === 'patient' || user.role === 'authorized-representative')) {
    // People who act for patients are bounded to them on every scope; a launch that picked one narrows it to that
    // one. A provider's launch patient is only the `patient` claim: it bounds `patient/` scopes, not `user/` ones.
    claims['patients'] = context.patientId !== null ? [context.patientId] : [...user.patientIds];
  }
  if (context.encounterId !== null) {
    claims['encounter'] = context.encounterId;
  }
  if (context.grantId !== null) {
    claims['grant'] = context.grantId;
  }
  return claims;
}
