import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGatewayApp } from '@connector/gateway-feature';
import type { ConnectorConfig } from '@connector/shared-config';
import { type DemoSeedResult, seedDemoIfEmpty } from './demo-seed';
import { type EmbeddedServices, startEmbeddedServices } from './embedded-services';

export interface EmbeddedServer {
  readonly app: NestFastifyApplication;
  readonly services: EmbeddedServices;
  /** Present when demo data is enabled (CONNECTOR_DEMO_DATA, default on in embedded mode). */
  readonly demo: DemoSeedResult | undefined;
  close(): Promise<void>;
}

/** The whole product in one process: services, demo data on first start, and the gateway app (not yet listening). */
export async function createEmbeddedServer(config: ConnectorConfig): Promise<EmbeddedServer> {
  const services = await startEmbeddedServices(config);
  try {
    const demo = config.demoData ? await seedDemoIfEmpty(services.clients) : undefined;
    const app = await createGatewayApp(config, services.clients);
    return {
      app,
      services,
      demo,
      close: async () => {
        await app.close();
        await services.close();
      },
    };
  } catch (error) {
    await services.close();
    throw error;
  }
}
