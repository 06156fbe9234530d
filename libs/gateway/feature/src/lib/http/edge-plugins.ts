import fastifyCompress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ConnectorConfig } from '@connector/shared-config';
import { REQUEST_ID_HEADER } from '@connector/shared-logging';

/** What a browser app may send: the bearer token, FHIR negotiation and conditional-read headers, the request id. */
const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'Prefer',
  'If-None-Match',
  'If-Modified-Since',
  REQUEST_ID_HEADER,
];

/** What a browser app may read: versioning and location headers of FHIR answers, and the request id. */
const CORS_EXPOSED_HEADERS = ['ETag', 'Last-Modified', 'Location', 'Content-Location', REQUEST_ID_HEADER];

/** Preflight answers are cached by the browser this long (seconds). */
const CORS_MAX_AGE_SECONDS = 600;

/** Bodies below this size go out as they are: compressing them costs more than it saves. */
const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * CORS for browser apps (SMART apps call the FHIR API and the token endpoint cross-origin) and response
 * compression. Registered before the routes exist, so compression's per-route hooks reach every route, after the
 * format hooks. See https://hl7.org/fhir/R4/security.html#cors
 */
export async function registerEdgePlugins(app: NestFastifyApplication, config: ConnectorConfig): Promise<void> {
  const anyOrigin = config.corsOrigins === '*';
  app.enableCors({
    origin: anyOrigin ? '*' : [...config.corsOrigins],
    // A wildcard origin never carries credentials (the Fetch standard forbids it); a listed origin may.
    credentials: !anyOrigin,
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: CORS_MAX_AGE_SECONDS,
  });
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: COMPRESSION_THRESHOLD_BYTES });
}
