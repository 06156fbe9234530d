import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { configFrom } from '@connector/shared-config';
import {
  ensurePostgresSchema,
  serviceDatabaseOptions,
  type ServiceDatabaseDefinition,
} from '@connector/shared-database';
import { distributedInfrastructure } from '@connector/shared-testing';

/** A migrated database of one service, opened exactly as the service opens it, and how to throw it away. */
export interface TestDataSource {
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

async function destroy(dataSource: DataSource): Promise<void> {
  if (dataSource.isInitialized) {
    await dataSource.destroy();
  }
}

/** A fresh SQLite database (embedded mode) in a temp dir named after `prefix`; close() deletes the dir. */
export async function openSqliteTestDatabase(
  definition: ServiceDatabaseDefinition,
  prefix: string,
): Promise<TestDataSource> {
  const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  // DATABASE_URL and NATS_URL cleared: the environment of the distributed suite must not turn this into PostgreSQL.
  const config = configFrom({ CONNECTOR_DATA_DIR: dataDir, DATABASE_URL: undefined, NATS_URL: undefined });
  const dataSource = await new DataSource(serviceDatabaseOptions(config, definition)).initialize();
  return {
    dataSource,
    close: async () => {
      await destroy(dataSource);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh schema `<prefix>_<random>` on the machine's PostgreSQL (TEST_DATABASE_URL); close() drops it. */
export async function openPostgresTestDatabase(
  definition: ServiceDatabaseDefinition,
  prefix: string,
): Promise<TestDataSource> {
  const databaseUrl = distributedInfrastructure().adminDatabaseUrl;
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await ensurePostgresSchema(databaseUrl, schema);
  const config = configFrom({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema });
  const dataSource = await new DataSource(serviceDatabaseOptions(config, definition)).initialize();
  return {
    dataSource,
    close: async () => {
      await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
      await destroy(dataSource);
    },
  };
}
