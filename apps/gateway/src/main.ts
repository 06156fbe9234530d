import 'reflect-metadata';
import type { DemoAccounts } from '@connector/embedded';
import { createGatewayApp } from '@connector/gateway-feature';
import { type ConnectorConfig, loadConfig } from '@connector/shared-config';
import { createLogger } from '@connector/shared-logging';
import { connectServiceClients } from '@connector/shared-transport';

const logger = createLogger('gateway');

/** Embedded (no NATS_URL): the gateway and all four services in this process. Distributed: the gateway alone. */
interface RunningGateway {
  listen(): Promise<unknown>;
  close(): Promise<void>;
  demo?: { patientId: string; accounts: DemoAccounts };
}

async function start(config: ConnectorConfig): Promise<RunningGateway> {
  if (config.mode === 'embedded') {
    // Loaded only here: a distributed gateway never loads the services, TypeORM or SQLite (idle memory).
    const { createEmbeddedServer, DEMO_ACCOUNTS } = await import('@connector/embedded');
    const server = await createEmbeddedServer(config);
    return {
      listen: () => server.app.listen(config.port, config.host),
      close: () => server.close(),
      demo: server.demo ? { patientId: server.demo.patientId, accounts: DEMO_ACCOUNTS } : undefined,
    };
  }
  const clients = await connectServiceClients(config);
  const app = await createGatewayApp(config, clients);
  return {
    listen: () => app.listen(config.port, config.host),
    close: async () => {
      await app.close();
      await clients.close();
    },
  };
}

function printBanner(config: ConnectorConfig, demo: RunningGateway['demo']): void {
  const scheme = config.tls === undefined ? 'http' : 'https';
  const base = config.baseUrl ?? `${scheme}://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const lines = [`Connector listening (${config.mode} mode)`, `  FHIR base:  ${base}/fhir`, `  Token URL:  ${base}/oauth/token`];
  if (demo !== undefined) {
    const { client, provider, patient } = demo.accounts;
    lines.push(
      `  Demo client: ${client.clientId} / ${client.secret}`,
      `  Demo users:  ${provider.username} / ${provider.password} (provider), ` +
        `${patient.username} / ${patient.password} (patient, Patient/${demo.patientId})`,
      `  Try: curl -u ${client.clientId}:${client.secret} -d grant_type=password ` +
        `-d username=${provider.username} -d password=${provider.password} ${base}/oauth/token`,
    );
  }
  // The banner is for the person who ran `npm start`: plain text on stdout, beside the JSON logs.
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await start(config);
  await server.listen();
  printBanner(config, server.demo);
  const shutdown = () => {
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'Connector failed to start');
  setTimeout(() => process.exit(1), 100);
});
