import type { OperationOutcome } from 'fhir/r4';
import { operationOutcome, operationOutcomeFromMessages, outcomeMessages } from './operation-outcome.util';

/** What a FhirError looks like on the wire (NATS or in-process): plain data, no prototype. */
export interface FhirErrorEnvelope {
  status: number;
  outcome: OperationOutcome;
}

/**
 * An error that is data: an HTTP status plus the OperationOutcome the client will receive.
 * Services throw it; it crosses the transport as {@link FhirErrorEnvelope}; the gateway's exception filter
 * writes it in the requested format. See https://hl7.org/fhir/R4/http.html#3.1.0.4
 */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly outcome: OperationOutcome,
  ) {
    super(outcomeMessages(outcome).join('; '));
    this.name = 'FhirError';
  }

  toEnvelope(): FhirErrorEnvelope {
    return { status: this.status, outcome: this.outcome };
  }

  static fromEnvelope(envelope: FhirErrorEnvelope): FhirError {
    return new FhirError(envelope.status, envelope.outcome);
  }

  static badRequest(text: string): FhirError {
    return new FhirError(400, operationOutcome('error', 'invalid', text));
  }

  static invalid(messages: readonly string[]): FhirError {
    return new FhirError(400, operationOutcomeFromMessages('invalid', messages));
  }

  static unauthorized(text: string): FhirError {
    return new FhirError(401, operationOutcome('error', 'login', text));
  }

  static forbidden(text: string): FhirError {
    return new FhirError(403, operationOutcome('error', 'forbidden', text));
  }

  static resourceNotFound(resourceType: string, id: string): FhirError {
    return new FhirError(404, operationOutcome('error', 'not-found', `Resource ${resourceType}/${id} not found`));
  }

  static notFound(text: string): FhirError {
    return new FhirError(404, operationOutcome('error', 'not-found', text));
  }

  static methodNotAllowed(text: string): FhirError {
    return new FhirError(405, operationOutcome('error', 'not-supported', text));
  }

  static unavailable(text: string): FhirError {
    return new FhirError(503, operationOutcome('error', 'transient', text));
  }

  static timeout(text: string): FhirError {
    return new FhirError(503, operationOutcome('error', 'timeout', text));
  }

  static internal(text = 'Internal server error'): FhirError {
    return new FhirError(500, operationOutcome('fatal', 'exception', text));
  }
}

/** True for anything shaped like a {@link FhirErrorEnvelope} (what arrives from the transport). */
export function isFhirErrorEnvelope(value: unknown): value is FhirErrorEnvelope {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<FhirErrorEnvelope>;
  return (
    typeof candidate.status === 'number' &&
    typeof candidate.outcome === 'object' &&
    candidate.outcome !== null &&
    candidate.outcome.resourceType === 'OperationOutcome'
  );
}
