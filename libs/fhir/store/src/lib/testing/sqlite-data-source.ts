import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFrom } from '@connector/shared-config';
import { serviceDatabaseOptions } from '@connector/shared-database';
import { DataSource } from 'typeorm';
import { resourceStoreDatabase } from '../resource-store.database';

/** A migrated store database in a fresh temp dir, exactly as a service opens it in embedded mode. */
export interface TestDataSource {
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

export async function openSqliteStore(): Promise<TestDataSource> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fhir-store-'));
  // DATABASE_URL cleared: the environment running the distributed suite must not turn this into PostgreSQL.
  const config = configFrom({ CONNECTOR_DATA_DIR: dataDir, DATABASE_URL: undefined, NATS_URL: undefined });
  const dataSource = new DataSource(serviceDatabaseOptions(config, resourceStoreDatabase('chart')));
  await dataSource.initialize();
  return {
    dataSource,
    close: async () => {
      if (dataSource.isInitialized) {
        await dataSource.destroy();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
