import type { DynamicModule } from '@nestjs/common';
import type { ServiceName } from '@connector/contracts';
import { ConfigError, type ConnectorConfig, loadConfig } from '@connector/shared-config';
import { createLogger } from '@connector/shared-logging';
import { startServiceMicroservice } from './start-service';

/**
 * The whole `main.ts` of a back-end service in its own process (distributed mode): validate the environment, start
 * the service's module on NATS in its queue group, log where it listens, and exit non-zero on a bad start.
 */
export async function runServiceProcess(
  service: ServiceName,
  moduleFor: (config: ConnectorConfig) => DynamicModule,
): Promise<void> {
  const logger = createLogger(`${service}-service`);
  try {
    const config = loadConfig();
    if (config.mode !== 'distributed') {
      throw new ConfigError([
        `NATS_URL: required to run the ${service} service as its own process (embedded mode runs every service inside the gateway: npm start)`,
      ]);
    }
    await startServiceMicroservice(moduleFor(config), service, config);
    logger.info({ nats: config.natsUrl }, `${service} service listening`);
  } catch (error) {
    logger.fatal({ err: error }, `${service} service failed to start`);
    process.exitCode = 1;
    // Let pino flush, then leave: a half-started service must not linger.
    setTimeout(() => process.exit(1), 100);
  }
}
