import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import type { ConnectorConfig } from '@connector/shared-config';
import { connectServiceClients, type InProcessBus, type ServiceClients } from '@connector/shared-transport';
import { type LazyServiceClients, RESOURCE_SERVICE_CLIENTS } from './patient-directory.service';

/**
 * The auth service reaches the chart service only for the patient picker, so it connects on first use: most auth
 * processes (token issuing, introspection) never open that connection. Closed when the service shuts down.
 */
export class LazyResourceClients implements OnApplicationShutdown {
  private connection: Promise<ServiceClients> | undefined;

  constructor(
    private readonly config: ConnectorConfig,
    private readonly bus: InProcessBus | undefined,
  ) {}

  readonly get: LazyServiceClients = () => {
    this.connection ??= connectServiceClients(this.config, this.bus).catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  };

  async onApplicationShutdown(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await (await connection?.catch(() => undefined))?.close();
  }
}

export function resourceServiceClientsProviders(config: ConnectorConfig, bus: InProcessBus | undefined): Provider[] {
  const clients = new LazyResourceClients(config, bus);
  return [
    { provide: LazyResourceClients, useValue: clients },
    { provide: RESOURCE_SERVICE_CLIENTS, useValue: clients.get },
  ];
}
