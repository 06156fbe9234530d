import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createEmbeddedServer, type EmbeddedServer } from '@connector/embedded';
import { configFrom, type ConnectorConfig } from '@connector/shared-config';

/** supertest bound to the server's in-memory HTTP listener. */
export type Http = ReturnType<typeof request>;

/**
 * A fresh data directory and the embedded-mode configuration over it (no NATS, SQLite, demo data), plus whatever
 * the suite overrides: the setup every embedded end-to-end suite shares.
 */
export function embeddedE2eConfig(
  name: string,
  overrides: Record<string, string | undefined> = {},
): { dataDir: string; config: ConnectorConfig } {
  const dataDir = mkdtempSync(join(tmpdir(), `connector-e2e-${name}-`));
  const config = configFrom({
    NATS_URL: '',
    CONNECTOR_DATA_DIR: dataDir,
    CONNECTOR_DEMO_DATA: 'true',
    DATABASE_URL: '',
    ...overrides,
  });
  return { dataDir, config };
}

/** The whole product in this process (demo data seeded on first start), ready for supertest requests. */
export async function startEmbeddedE2e(config: ConnectorConfig): Promise<{ server: EmbeddedServer; http: Http }> {
  const server = await createEmbeddedServer(config);
  await server.app.getHttpAdapter().getInstance().ready();
  return { server, http: request(server.app.getHttpServer()) };
}

/** Closes the server (if it started) and removes its data directory. */
export async function stopEmbeddedE2e(server: EmbeddedServer | undefined, dataDir: string): Promise<void> {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** The path and query of an absolute link, to request it from the in-memory server. */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
