import { FhirError } from '@connector/fhir-outcomes';
import { FhirHttpError } from '../http/fhir-http.error';
import type { AccessTokenError, AccessTokenProblem } from './access-token.error';

/** The realm of every Bearer challenge the gateway sends. */
export const BEARER_REALM = 'connector';

function describe(problem: AccessTokenProblem): string {
  switch (problem) {
    case 'missing':
      return 'Missing bearer token';
    case 'expired':
      return 'Access token expired';
    case 'invalid':
      return 'Invalid access token';
  }
}

/**
 * The 401 answer to a refused token: an OperationOutcome (code `login`) and the RFC 6750 §3 challenge. A request
 * that carried no bearer token gets no `error` attribute (RFC 6750 §3.1). See https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
export function accessTokenFailure(error: AccessTokenError): FhirHttpError {
  const text = describe(error.problem);
  const challenge =
    error.problem === 'missing'
      ? `Bearer realm="${BEARER_REALM}"`
      : `Bearer realm="${BEARER_REALM}", error="invalid_token", error_description="${text}"`;
  return FhirHttpError.withHeaders(FhirError.unauthorized(text), { 'www-authenticate': challenge });
}

/**
 * A 401 raised elsewhere (e.g. by a service) without a challenge gets the `invalid_token` one: every 401 of a request
 * that carried a token says why it was refused (RFC 6750 §3.1).
 */
export function withInvalidTokenChallenge(error: FhirError): FhirError {
  if (error.status !== 401 || (error instanceof FhirHttpError && 'www-authenticate' in error.headers)) {
    return error;
  }
  const challenge = `Bearer realm="${BEARER_REALM}", error="invalid_token"`;
  return new FhirHttpError(error.status, error.outcome, {
    ...(error instanceof FhirHttpError ? error.headers : {}),
    'www-authenticate': challenge,
  });
}
