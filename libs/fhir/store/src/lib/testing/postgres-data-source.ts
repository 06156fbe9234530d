import { openPostgresTestDatabase, type TestDataSource } from '@connector/shared-database-testing';
import { resourceStoreDatabase } from '../resource-store.database';

/** A migrated store in a fresh schema `store_test_<random>`, dropped again by close(). */
export function openPostgresStore(): Promise<TestDataSource> {
  return openPostgresTestDatabase(resourceStoreDatabase('chart'), 'store_test');
}
