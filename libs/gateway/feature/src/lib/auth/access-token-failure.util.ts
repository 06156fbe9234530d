import { FhirError } from '@connector/fhir-outcomes';
import { FhirHttpError } from '../http/fhir-http.error';
import type { AccessTokenError, AccessTokenProblem } from './access-token.error';

const REALM = 'connector';

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
      ? `Bearer realm="${REALM}"`
      : `Bearer realm="${REALM}", error="invalid_token", error_description="${text}"`;
  return FhirHttpError.withHeaders(FhirError.unauthorized(text), { 'www-authenticate': challenge });
}
