import { randomBytes } from 'node:crypto';
import { configFrom } from '@connector/shared-config';
import { ensurePostgresSchema, serviceDatabaseOptions } from '@connector/shared-database';
import { distributedInfrastructure } from '@connector/shared-testing';
import { DataSource } from 'typeorm';
import { resourceStoreDatabase } from '../resource-store.database';
import type { TestDataSource } from './sqlite-data-source';

/** The PostgreSQL the machine runs for the distributed suite (TEST_DATABASE_URL points elsewhere). */
const TEST_DATABASE_URL = distributedInfrastructure().adminDatabaseUrl;

/** A migrated store in a fresh schema `store_test_<random>`, dropped again by close(). */
export async function openPostgresStore(): Promise<TestDataSource> {
  const schema = `store_test_${randomBytes(6).toString('hex')}`;
  const config = configFrom({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema });
  await ensurePostgresSchema(TEST_DATABASE_URL, schema);
  const dataSource = new DataSource(serviceDatabaseOptions(config, resourceStoreDatabase('chart')));
  await dataSource.initialize();
  return {
    dataSource,
    close: async () => {
      await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
      await dataSource.destroy();
    },
  };
}
