import type { INestMicroservice } from '@nestjs/common';
import { AuthServiceModule } from '@connector/auth-feature';
import { RESOURCE_SERVICE_NAMES } from '@connector/contracts';
import { FhirResourceServiceModule } from '@connector/fhir-service';
import type { ConnectorConfig } from '@connector/shared-config';
import { connectServiceClients, InProcessBus, type ServiceClients, startServiceMicroservice } from '@connector/shared-transport';

/** The four back-end services running inside this process, and clients that reach them over the in-process bus. */
export interface EmbeddedServices {
  readonly clients: ServiceClients;
  close(): Promise<void>;
}

/**
 * Embedded mode: every service in one process, each still its own Nest application with its own SQLite database,
 * reached through the same subjects, DTO validation and error envelopes as over NATS — only the wire is missing.
 */
export async function startEmbeddedServices(config: ConnectorConfig): Promise<EmbeddedServices> {
  if (config.mode !== 'embedded') {
    throw new Error('startEmbeddedServices is for embedded mode (NATS_URL unset)');
  }
  const bus = new InProcessBus();
  const services: INestMicroservice[] = [];
  try {
    services.push(await startServiceMicroservice(AuthServiceModule.forRoot(config, bus), 'auth', config, bus));
    for (const service of RESOURCE_SERVICE_NAMES) {
      services.push(await startServiceMicroservice(FhirResourceServiceModule.forRoot(service, config), service, config, bus));
    }
  } catch (error) {
    await Promise.allSettled(services.map((service) => service.close()));
    throw error;
  }
  const clients = await connectServiceClients(config, bus);
  return {
    clients,
    close: async () => {
      await clients.close();
      await Promise.all(services.map((service) => service.close()));
    },
  };
}
