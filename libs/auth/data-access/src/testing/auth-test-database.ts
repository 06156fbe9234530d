import type { DataSource } from 'typeorm';
import {
  openPostgresTestDatabase,
  openSqliteTestDatabase,
  type TestDataSource,
} from '@connector/shared-database-testing';
import { authDatabase } from '../lib/auth-database';

/** A migrated auth database for one spec, and how to throw it away. */
export interface AuthTestDatabase {
  readonly dataSource: DataSource;
  dispose(): Promise<void>;
}

function asAuthTestDatabase({ dataSource, close }: TestDataSource): AuthTestDatabase {
  return { dataSource, dispose: close };
}

/** A fresh SQLite auth database in a temp directory, migrated the way the service migrates it. */
export async function openSqliteAuthDatabase(): Promise<AuthTestDatabase> {
  return asAuthTestDatabase(await openSqliteTestDatabase(authDatabase(), 'auth-data-access'));
}

/** A fresh PostgreSQL schema holding a migrated auth database; dropped on dispose. */
export async function openPostgresAuthDatabase(): Promise<AuthTestDatabase> {
  return asAuthTestDatabase(await openPostgresTestDatabase(authDatabase(), 'auth_test'));
}
