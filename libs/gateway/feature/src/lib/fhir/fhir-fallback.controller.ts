import { Controller, Delete, Get, Patch, Post, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FhirError } from '@connector/fhir-outcomes';
import { FhirHttpError } from '../http/fhir-http.error';
import { FHIR_CONTROLLER_PATHS } from './fhir-routes.constants';

const EVERY_PATH = ['', '*'];

/**
 * Everything under a FHIR base that no real route matched: 404 for reads, 405 for writes (this server is
 * read-only), as OperationOutcomes rather than the framework's default JSON.
 */
@Controller(FHIR_CONTROLLER_PATHS)
export class FhirFallbackController {
  @Get(EVERY_PATH)
  unknownPath(@Req() request: FastifyRequest): never {
    throw FhirError.notFound(`Unknown FHIR path ${request.url}`);
  }

  // One handler per method: Nest keeps only one request-mapping decorator per handler.
  @Post(EVERY_PATH)
  post(@Req() request: FastifyRequest): never {
    throw readOnly(request);
  }

  @Put(EVERY_PATH)
  put(@Req() request: FastifyRequest): never {
    throw readOnly(request);
  }

  @Patch(EVERY_PATH)
  patch(@Req() request: FastifyRequest): never {
    throw readOnly(request);
  }

  @Delete(EVERY_PATH)
  delete(@Req() request: FastifyRequest): never {
    throw readOnly(request);
  }
}

function readOnly(request: FastifyRequest): FhirHttpError {
  const error = FhirError.methodNotAllowed(`${request.method} is not supported: this server is read-only`);
  return FhirHttpError.withHeaders(error, { allow: 'GET, HEAD' });
}
