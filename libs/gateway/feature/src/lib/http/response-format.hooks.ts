import type { FastifyInstance, FastifyReply } from 'fastify';
import { FhirError } from '@connector/fhir-outcomes';
import { FHIR_BASE_PATHS, FHIR_JSON_CONTENT_TYPE } from '../gateway.constants';
import { negotiateFormat, type ResponseFormat } from './format-negotiation.util';
import { rawQueryParams } from './raw-query.util';
import { formatBody } from './response-format';

/** The format a FHIR request's response is written in, decided before any work is done. */
export interface NegotiatedFormat {
  readonly format: ResponseFormat;
  readonly pretty: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on every request under a FHIR base (the SMART discovery document aside) by the format hooks. */
    fhirFormat?: NegotiatedFormat;
  }
}

/**
 * Content negotiation for the FHIR API: `onRequest` decides the format from `_format`, `_pretty` and `Accept` (a
 * 406 before any service is asked), and `onSend` writes every FHIR JSON body — resources, Bundles, the
 * CapabilityStatement, the exception filter's OperationOutcomes — through {@link formatBody}.
 * See https://hl7.org/fhir/R4/http.html#mime-type
 */
export function registerResponseFormatHooks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!isFhirApiPath(request.url)) {
      return;
    }
    try {
      const params = rawQueryParams(request.url);
      const formatParam = params.find(([name]) => name === '_format')?.[1];
      const pretty = params.find(([name]) => name === '_pretty')?.[1] === 'true';
      request.fhirFormat = { format: negotiateFormat(formatParam, request.headers.accept), pretty };
    } catch (error) {
      if (!(error instanceof FhirError)) {
        throw error;
      }
      return sendJsonOutcome(reply, error);
    }
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    const negotiated = request.fhirFormat;
    if (
      negotiated === undefined ||
      typeof payload !== 'string' ||
      payload === '' ||
      !isFhirJson(reply.getHeader('content-type'))
    ) {
      return payload;
    }
    try {
      const body = formatBody(payload, negotiated.format.kind, negotiated.pretty);
      void reply.header('content-type', negotiated.format.contentType);
      return body;
    } catch (error) {
      if (!(error instanceof FhirError)) {
        throw error;
      }
      void reply.code(error.status).header('content-type', FHIR_JSON_CONTENT_TYPE);
      return JSON.stringify(error.outcome);
    }
  });
}

/** Under a FHIR base, but not the SMART discovery document: that is plain JSON whatever the client accepts. */
function isFhirApiPath(url: string): boolean {
  const path = url.split('?', 1)[0];
  return FHIR_BASE_PATHS.some(
    (base) => (path === base || path.startsWith(`${base}/`)) && !path.startsWith(`${base}/.well-known/`),
  );
}

function isFhirJson(contentType: ReturnType<FastifyReply['getHeader']>): boolean {
  return typeof contentType === 'string' && contentType.startsWith('application/fhir+json');
}

// A failed negotiation is answered in JSON: the client's format is exactly what could not be had.
function sendJsonOutcome(reply: FastifyReply, error: FhirError): FastifyReply {
  return reply.code(error.status).header('content-type', FHIR_JSON_CONTENT_TYPE).send(JSON.stringify(error.outcome));
}
