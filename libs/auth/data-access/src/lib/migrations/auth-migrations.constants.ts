import { AddSmartAuthorizationPostgres1796169600000 } from './add-smart-authorization.postgres-migration';
import { AddSmartAuthorizationSqlite1796169600000 } from './add-smart-authorization.sqlite-migration';
import { CreateAuthTablesPostgres1767225600000 } from './create-auth-tables.postgres-migration';
import { CreateAuthTablesSqlite1767225600000 } from './create-auth-tables.sqlite-migration';

/** The auth schema's history for PostgreSQL, oldest first. */
export const AUTH_POSTGRES_MIGRATIONS = [
  CreateAuthTablesPostgres1767225600000,
  AddSmartAuthorizationPostgres1796169600000,
];

/** The auth schema's history for SQLite, oldest first; must end in the same shape as the PostgreSQL one. */
export const AUTH_SQLITE_MIGRATIONS = [CreateAuthTablesSqlite1767225600000, AddSmartAuthorizationSqlite1796169600000];
