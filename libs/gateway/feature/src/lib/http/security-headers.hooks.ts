import type { FastifyInstance } from 'fastify';

/** One year, the HSTS preload minimum. See https://www.rfc-editor.org/rfc/rfc6797#section-6.1.1 */
const HSTS_MAX_AGE_SECONDS = 31_536_000;

/**
 * Headers every answer carries: `nosniff`, so a browser never runs a FHIR body as script or HTML, and HSTS on answers
 * that went out over TLS (over plain HTTP the header would be ignored, and must not be sent).
 */
export function registerSecurityHeaderHooks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-content-type-options', 'nosniff');
    if (request.protocol === 'https') {
      void reply.header('strict-transport-security', `max-age=${HSTS_MAX_AGE_SECONDS}`);
    }
    done();
  });
}
