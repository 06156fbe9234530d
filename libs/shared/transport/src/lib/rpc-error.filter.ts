import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';
import { FhirError, type FhirErrorEnvelope } from '@connector/fhir-outcomes';
import { createLogger } from '@connector/shared-logging';

/**
 * Errors are data: whatever a handler throws leaves the service as a {@link FhirErrorEnvelope}. A FhirError keeps
 * its status and outcome; anything else is logged here and becomes a 500 that reveals no internals.
 */
@Catch()
export class RpcErrorFilter implements ExceptionFilter {
  private readonly logger = createLogger(RpcErrorFilter.name);

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => this.toEnvelope(exception));
  }

  private toEnvelope(exception: unknown): FhirErrorEnvelope {
    if (exception instanceof FhirError) {
      return exception.toEnvelope();
    }
    this.logger.error({ err: exception }, 'Unhandled error in message handler');
    return FhirError.internal().toEnvelope();
  }
}
