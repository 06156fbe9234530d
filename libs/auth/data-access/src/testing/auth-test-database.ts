import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { configFrom } from '@connector/shared-config';
import { ensurePostgresSchema, serviceDatabaseOptions } from '@connector/shared-database';
import { distributedInfrastructure } from '@connector/shared-testing';
import { authDatabase } from '../lib/auth-database';

/** A migrated auth database for one spec, and how to throw it away. */
export interface AuthTestDatabase {
  readonly dataSource: DataSource;
  dispose(): Promise<void>;
}

/** Where the distributed specs find PostgreSQL (the machine's test server unless told otherwise). */
export const TEST_DATABASE_URL = distributedInfrastructure().adminDatabaseUrl;

/** A fresh SQLite auth database in a temp directory, migrated the way the service migrates it. */
export async function openSqliteAuthDatabase(): Promise<AuthTestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'auth-data-access-'));
  const config = configFrom({ CONNECTOR_DATA_DIR: dataDir, DATABASE_URL: undefined });
  const dataSource = new DataSource(serviceDatabaseOptions(config, authDatabase()));
  await dataSource.initialize();
  return {
    dataSource,
    dispose: async () => {
      if (dataSource.isInitialized) {
        await dataSource.destroy();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh PostgreSQL schema holding a migrated auth database; dropped on dispose. */
export async function openPostgresAuthDatabase(): Promise<AuthTestDatabase> {
  const schema = `auth_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await ensurePostgresSchema(TEST_DATABASE_URL, schema);
  const config = configFrom({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema });
  const dataSource = new DataSource(serviceDatabaseOptions(config, authDatabase()));
  await dataSource.initialize();
  return {
    dataSource,
    dispose: async () => {
      if (dataSource.isInitialized) {
        await dataSource.destroy();
      }
      const client = new Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    },
  };
}
