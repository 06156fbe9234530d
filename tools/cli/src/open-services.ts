import { loadConfig, type ConnectorConfig } from '@connector/shared-config';
import { startEmbeddedServices } from '@connector/embedded';
import { connectServiceClients } from '@connector/shared-transport';
import type { OpenedServices } from './cli-clients';

/**
 * Reaches the services the way the gateway does. Distributed mode (NATS_URL set): over NATS to the running
 * services. Embedded mode: boots the four services in this process on the SQLite files under CONNECTOR_DATA_DIR,
 * the same files a running embedded server uses, so the server sees what the CLI wrote at once.
 */
export async function openServices(config: ConnectorConfig = loadConfig()): Promise<OpenedServices> {
  if (config.mode === 'distributed') {
    const clients = await connectServiceClients(config);
    return { clients, close: () => clients.close() };
  }
  const embedded = await startEmbeddedServices(config);
  return { clients: embedded.clients, close: () => embedded.close() };
}
