import type { ClientProxy } from '@nestjs/microservices';
import { SERVICE_NAMES, type ServiceName } from '@connector/contracts';
import type { ConnectorConfig } from '@connector/shared-config';
import { InProcessBus } from './in-process/in-process-bus';
import { InProcessClient } from './in-process/in-process.client';
import { CompressingNatsSerializer, DecompressingNatsResponseDeserializer } from './nats/compressing-nats.serializer';
import { MuxedNatsClient } from './nats/muxed-nats.client';
import { ServiceClient } from './service-client';

/** Nest injection token whose value is the process's {@link ServiceClients}. */
export const SERVICE_CLIENTS = 'SERVICE_CLIENTS';

/** One {@link ServiceClient} per back-end service, over one shared connection. */
export class ServiceClients {
  constructor(
    private readonly clients: ReadonlyMap<ServiceName, ServiceClient>,
    private readonly proxy: ClientProxy,
  ) {}

  get(service: ServiceName): ServiceClient {
    const client = this.clients.get(service);
    if (!client) {
      throw new Error(`No client for service ${service}`);
    }
    return client;
  }

  async close(): Promise<void> {
    await this.proxy.close();
  }
}

/**
 * Clients for every service: over NATS in distributed mode, over `bus` in embedded mode (the bus the in-process
 * services listen on). One connection serves all services; subjects tell them apart.
 */
export async function connectServiceClients(config: ConnectorConfig, bus?: InProcessBus): Promise<ServiceClients> {
  if (config.mode === 'distributed') {
    const proxy = new MuxedNatsClient(
      {
        servers: config.natsUrl?.split(','),
        name: `connector-client-${process.pid}`,
        serializer: new CompressingNatsSerializer(),
        deserializer: new DecompressingNatsResponseDeserializer(),
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
      },
      config.serviceTimeoutMs * 2,
    );
    await proxy.connect();
    // ClientProxy is generic over its status type; ClientNats narrows it, which TS treats as incompatible.
    return build(proxy as unknown as ClientProxy, 'nats', config);
  }
  if (!bus) {
    throw new Error('Embedded mode needs the in-process bus its services listen on');
  }
  return build(new InProcessClient(bus), 'in-process', config);
}

function build(proxy: ClientProxy, transport: 'nats' | 'in-process', config: ConnectorConfig): ServiceClients {
  const clients = new Map(
    SERVICE_NAMES.map((service) => [service, new ServiceClient(service, proxy, transport, config.serviceTimeoutMs)]),
  );
  return new ServiceClients(clients, proxy);
}

export { InProcessBus };
