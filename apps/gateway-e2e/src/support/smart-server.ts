import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthSubjects, CreateClientReply, type CreateClientRequest } from '@connector/contracts';
import { createEmbeddedServer, type EmbeddedServer } from '@connector/embedded';
import { configFrom } from '@connector/shared-config';

/** An embedded Connector listening on a real loopback port, so a browser and SMART clients can reach it. */
export interface ListeningConnector {
  readonly server: EmbeddedServer;
  /** `http://127.0.0.1:<port>`: the configured public base URL, so issued URLs and token `iss` name it. */
  readonly origin: string;
  readonly fhirBase: string;
  registerClient(request: CreateClientRequest): Promise<void>;
  close(): Promise<void>;
}

/**
 * The public base URL must be known before the server is built (it is part of the config), so a free port is
 * reserved first and handed over; on loopback nobody else grabs it in between in practice.
 */
async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') {
    throw new Error('could not reserve a loopback port');
  }
  return address.port;
}

/** Boots the whole product in this process with the demo data set and the demo accounts. */
export async function startListeningConnector(): Promise<ListeningConnector> {
  const dataDir = mkdtempSync(join(tmpdir(), 'connector-e2e-smart-'));
  const port = await freeLoopbackPort();
  const origin = `http://127.0.0.1:${port}`;
  const config = configFrom({
    NATS_URL: '',
    DATABASE_URL: '',
    CONNECTOR_DATA_DIR: dataDir,
    CONNECTOR_DEMO_DATA: 'true',
    CONNECTOR_BASE_URL: origin,
    TRUST_PROXY: undefined,
    CORS_ORIGINS: undefined,
  });
  const server = await createEmbeddedServer(config);
  try {
    await server.app.listen(port, '127.0.0.1');
  } catch (error) {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    server,
    origin,
    fhirBase: `${origin}/fhir`,
    registerClient: async (request) => {
      await server.services.clients.get('auth').request(AuthSubjects.createClient, request, CreateClientReply);
    },
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
