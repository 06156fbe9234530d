import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ConnectorConfig } from '@connector/shared-config';
import { PinoNestLogger, REQUEST_ID_HEADER, requestIdFrom } from '@connector/shared-logging';
import type { ServiceClients } from '@connector/shared-transport';
import { GatewayModule } from './gateway.module';
import { REQUEST_BODY_LIMIT_BYTES } from './gateway.constants';
import { registerBodyParsers } from './http/body-parsers';
import { registerEdgePlugins } from './http/edge-plugins';
import { FhirExceptionFilter } from './http/fhir-exception.filter';
import { registerRequestIdHooks } from './http/request-id.hooks';
import { registerResponseFormatHooks } from './http/response-format.hooks';
import { registerSecurityHeaderHooks } from './http/security-headers.hooks';
import { tlsOptions } from './http/tls-options.util';

/**
 * Builds the gateway's Nest application on Fastify, configured and initialized but not listening: the caller
 * decides whether to `listen()` (the app) or `inject()` (tests). With TLS_CERT / TLS_KEY it listens on HTTPS.
 */
export async function createGatewayApp(
  config: ConnectorConfig,
  clients: ServiceClients,
): Promise<NestFastifyApplication> {
  const https = tlsOptions(config);
  const adapter = new FastifyAdapter({
    ...(https === undefined ? {} : { https }),
    // X-Forwarded-* are spoofable by any client: honoured only when the operator says a proxy sets them.
    trustProxy: config.trustProxy,
    bodyLimit: REQUEST_BODY_LIMIT_BYTES,
    // Long enough that an over-long id reaches the read route and gets its 400, not a 404.
    routerOptions: { maxParamLength: 256 },
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers[REQUEST_ID_HEADER]),
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config, clients), adapter, {
    logger: new PinoNestLogger(),
    bodyParser: false,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerRequestIdHooks(fastify);
  registerResponseFormatHooks(fastify);
  registerSecurityHeaderHooks(fastify);
  registerBodyParsers(fastify);
  app.useGlobalFilters(new FhirExceptionFilter());
  await registerEdgePlugins(app, config);
  await app.init();
  return app;
}
