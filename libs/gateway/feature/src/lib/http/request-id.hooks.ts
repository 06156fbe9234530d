import type { FastifyInstance } from 'fastify';
import { REQUEST_ID_HEADER, requestContext } from '@connector/shared-logging';

/**
 * Runs every request inside `requestContext` with its id (Fastify's `request.id`, which the adapter derives from
 * X-Request-Id) and echoes the id on the response, errors and 404s included. Fastify runs body parsers in an
 * AsyncResource bound to the request, so the context also reaches handlers of requests with a body.
 */
export function registerRequestIdHooks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    requestContext.run({ requestId: request.id }, done);
  });
}
