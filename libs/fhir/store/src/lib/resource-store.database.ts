import type { ServiceDatabaseDefinition } from '@connector/shared-database';
import { AddCompositeAndCanonicalQuantityPostgres1796200000000 } from './migrations/postgres-add-composite-and-canonical-quantity.migration';
import { AddIndexStatisticsPostgres1796300000000 } from './migrations/postgres-add-index-statistics.migration';
import { AddCompositeAndCanonicalQuantitySqlite1796200000000 } from './migrations/sqlite-add-composite-and-canonical-quantity.migration';
import { CreateResourceTablesPostgres1795900000000 } from './migrations/postgres-create-resource-tables.migration';
import { CreateSearchIndexTablesPostgres1796000000000 } from './migrations/postgres-create-search-index-tables.migration';
import { CreateResourceTablesSqlite1795900000000 } from './migrations/sqlite-create-resource-tables.migration';
import { CreateSearchIndexTablesSqlite1796000000000 } from './migrations/sqlite-create-search-index-tables.migration';
import { SEARCH_INDEX_ENTITIES } from './index-tables/search-index.tables';
import { ResourceVersionEntity } from './resource-version.entity';
import { ResourceEntity } from './resource.entity';

/** The entities of the generic resource store: resources, their versions and the search index tables. */
export const STORE_ENTITIES = [ResourceEntity, ResourceVersionEntity, ...SEARCH_INDEX_ENTITIES];

/** Hand-written PostgreSQL migrations of the store, oldest first; they must match {@link STORE_ENTITIES} exactly. */
export const POSTGRES_STORE_MIGRATIONS = [
  CreateResourceTablesPostgres1795900000000,
  CreateSearchIndexTablesPostgres1796000000000,
  AddCompositeAndCanonicalQuantityPostgres1796200000000,
  AddIndexStatisticsPostgres1796300000000,
];

/** Hand-written SQLite migrations of the store, oldest first; they must match {@link STORE_ENTITIES} exactly. */
export const SQLITE_STORE_MIGRATIONS = [
  CreateResourceTablesSqlite1795900000000,
  CreateSearchIndexTablesSqlite1796000000000,
  AddCompositeAndCanonicalQuantitySqlite1796200000000,
];

/** The database of a resource-holding service, for `ServiceDatabaseModule.forRoot(config, ...)`. */
export function resourceStoreDatabase(service: string): ServiceDatabaseDefinition {
  return {
    service,
    entities: STORE_ENTITIES,
    postgresMigrations: POSTGRES_STORE_MIGRATIONS,
    sqliteMigrations: SQLITE_STORE_MIGRATIONS,
  };
}
