import { openSqliteTestDatabase, type TestDataSource } from '@connector/shared-database-testing';
import { resourceStoreDatabase } from '../resource-store.database';

export type { TestDataSource };

/** A migrated store database in a fresh temp dir, exactly as a service opens it in embedded mode. */
export function openSqliteStore(): Promise<TestDataSource> {
  return openSqliteTestDatabase(resourceStoreDatabase('chart'), 'fhir-store');
}
