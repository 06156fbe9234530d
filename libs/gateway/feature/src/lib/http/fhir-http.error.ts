import type { OperationOutcome } from 'fhir/r4';
import { FhirError } from '@connector/fhir-outcomes';

/** A {@link FhirError} whose HTTP answer also needs headers (`Allow` on 405, `WWW-Authenticate` on 401). */
export class FhirHttpError extends FhirError {
  constructor(
    status: number,
    outcome: OperationOutcome,
    readonly headers: Readonly<Record<string, string>>,
  ) {
    super(status, outcome);
    this.name = 'FhirHttpError';
  }

  static withHeaders(error: FhirError, headers: Readonly<Record<string, string>>): FhirHttpError {
    return new FhirHttpError(error.status, error.outcome, headers);
  }
}
