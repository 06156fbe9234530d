import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FhirError } from '@connector/fhir-outcomes';
import { createLogger, REQUEST_ID_HEADER } from '@connector/shared-logging';
import { accessTokenFailure, withInvalidTokenChallenge } from '../auth/access-token-failure.util';
import { AccessTokenError } from '../auth/access-token.error';
import { FHIR_JSON_CONTENT_TYPE } from '../gateway.constants';
import { FhirHttpError } from './fhir-http.error';
import { fhirErrorFromHttpException } from './http-exception-outcome.util';

/**
 * The gateway's one exception filter: every failure leaves as an OperationOutcome with the request id echoed;
 * unexpected errors become a bare 500 and are logged, never shown. See https://hl7.org/fhir/R4/http.html#3.1.0.4
 */
@Catch()
export class FhirExceptionFilter implements ExceptionFilter {
  private readonly logger = createLogger(FhirExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = this.toFhirError(exception, request);
    if (reply.sent) {
      return;
    }
    void reply
      .status(error.status)
      .headers(error instanceof FhirHttpError ? error.headers : {})
      .header('content-type', FHIR_JSON_CONTENT_TYPE)
      .header(REQUEST_ID_HEADER, request.id)
      .send(JSON.stringify(error.outcome));
  }

  private toFhirError(exception: unknown, request: FastifyRequest): FhirError {
    if (exception instanceof AccessTokenError) {
      return accessTokenFailure(exception);
    }
    if (exception instanceof FhirError) {
      if (exception.status >= 500) {
        this.logger.warn({ requestId: request.id, status: exception.status }, exception.message);
      }
      return withInvalidTokenChallenge(exception);
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      return fhirErrorFromHttpException(exception);
    }
    this.logger.error({ requestId: request.id, err: exception }, 'Unhandled error');
    return exception instanceof HttpException ? fhirErrorFromHttpException(exception) : FhirError.internal();
  }
}
