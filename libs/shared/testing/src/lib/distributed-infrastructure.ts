import { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** Where the machine's real NATS and PostgreSQL listen (overridable for other machines). */
export interface DistributedInfrastructure {
  natsUrl: string;
  /** A PostgreSQL URL of a database the tests may create databases from. */
  adminDatabaseUrl: string;
}

// Test-only knobs for the suites that need real servers; production config goes through shared-config.
const env = process.env;

export function distributedInfrastructure(): DistributedInfrastructure {
  return {
    natsUrl: env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222',
    adminDatabaseUrl: env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

function hostPort(url: string, defaultPort: number): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: parsed.port ? Number(parsed.port) : defaultPort };
}

/** True when a TCP connection to url's host:port opens within timeoutMs. */
export function isReachable(url: string, defaultPort: number, timeoutMs = 1500): Promise<boolean> {
  const { host, port } = hostPort(url, defaultPort);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

/** The infrastructure, or a loud failure naming what is unreachable (distributed suites never pass vacuously). */
export async function requireDistributedInfrastructure(): Promise<DistributedInfrastructure> {
  const infra = distributedInfrastructure();
  const missing: string[] = [];
  if (!(await isReachable(infra.natsUrl, 4222))) {
    missing.push(`NATS at ${infra.natsUrl}`);
  }
  if (!(await isReachable(infra.adminDatabaseUrl, 5432))) {
    missing.push(`PostgreSQL at ${infra.adminDatabaseUrl}`);
  }
  if (missing.length > 0) {
    throw new Error(`The distributed suite needs ${missing.join(' and ')}, which cannot be reached`);
  }
  return infra;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, empty PostgreSQL database for one test run; drop() removes it. */
export async function createTestDatabase(prefix = 'connector_test'): Promise<TestDatabase> {
  const { adminDatabaseUrl } = await requireDistributedInfrastructure();
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await runAdmin(adminDatabaseUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => runAdmin(adminDatabaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function runAdmin(adminDatabaseUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
