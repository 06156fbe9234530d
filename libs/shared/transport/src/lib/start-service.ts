import type { DynamicModule, INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { queueGroupOf, type ServiceName } from '@connector/contracts';
import type { ConnectorConfig } from '@connector/shared-config';
import { PinoNestLogger } from '@connector/shared-logging';
import { createDtoValidationPipe } from './dto-validation.pipe';
import type { InProcessBus } from './in-process/in-process-bus';
import { InProcessServer } from './in-process/in-process.server';
import { CompressingNatsSerializer, DecompressingNatsRequestDeserializer } from './nats/compressing-nats.serializer';
import { ContextualNatsServer } from './nats/contextual-nats.server';
import { RpcErrorFilter } from './rpc-error.filter';

/**
 * Starts one service's Nest module as a microservice on the process's transport — NATS with the service's queue
 * group (so N copies share the load) or the in-process bus — with the pipeline every service shares: DTO validation,
 * errors as data, and the caller's request context (set by the transport servers).
 */
export async function startServiceMicroservice(
  module: Type | DynamicModule,
  service: ServiceName,
  config: ConnectorConfig,
  bus?: InProcessBus,
): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, {
    ...transportOptions(service, config, bus),
    logger: new PinoNestLogger(),
  });
  app.useGlobalPipes(createDtoValidationPipe());
  app.useGlobalFilters(new RpcErrorFilter());
  app.enableShutdownHooks();
  await app.listen();
  return app;
}

function transportOptions(service: ServiceName, config: ConnectorConfig, bus?: InProcessBus): MicroserviceOptions {
  if (config.mode === 'distributed') {
    return {
      strategy: new ContextualNatsServer({
        servers: config.natsUrl?.split(','),
        name: `connector-${service}-${process.pid}`,
        queue: queueGroupOf(service),
        serializer: new CompressingNatsSerializer(),
        deserializer: new DecompressingNatsRequestDeserializer(),
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
      }),
    };
  }
  if (!bus) {
    throw new Error(`Embedded mode needs an in-process bus to start the ${service} service on`);
  }
  return { strategy: new InProcessServer(bus) };
}
