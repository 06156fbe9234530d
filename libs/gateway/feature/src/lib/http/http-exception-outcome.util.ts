import type { HttpException } from '@nestjs/common';
import { FhirError, type IssueCode, operationOutcome } from '@connector/fhir-outcomes';

const ISSUE_CODE_BY_STATUS: Readonly<Record<number, IssueCode>> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  406: 'not-supported',
  408: 'timeout',
  409: 'conflict',
  413: 'too-long',
  415: 'not-supported',
  429: 'throttled',
};

/**
 * The OperationOutcome for an exception Nest or Fastify raised (unknown route, body too large, malformed
 * body…). A 5xx message may hold internals, so only its status survives.
 */
export function fhirErrorFromHttpException(exception: HttpException): FhirError {
  const status = exception.getStatus();
  if (status >= 500) {
    return new FhirError(status, FhirError.internal().outcome);
  }
  const code = ISSUE_CODE_BY_STATUS[status] ?? 'processing';
  return new FhirError(status, operationOutcome('error', code, exception.message));
}
