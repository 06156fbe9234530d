import { ResourceStore } from './resource-store.service';
import { POSTGRES_STORE_MIGRATIONS } from './resource-store.database';
import { openPostgresStore } from './testing/postgres-data-source';
import { describeResourceStoreBehaviour } from './testing/resource-store.behaviour';
import { describeResourceStoreHistoryBehaviour } from './testing/resource-store-history.behaviour';
import { describeSearchIndexBehaviour } from './testing/search-index.behaviour';
import type { TestDataSource } from './testing/sqlite-data-source';

describe(`${ResourceStore.name} on PostgreSQL`, () => {
  let database: TestDataSource;

  beforeAll(async () => {
    database = await openPostgresStore();
  });

  afterAll(async () => {
    await database?.close();
  });

  describeResourceStoreBehaviour(() => database.dataSource);
  describeResourceStoreHistoryBehaviour(() => database.dataSource);
  describeSearchIndexBehaviour(() => database.dataSource);

  describe('POSTGRES_STORE_MIGRATIONS', () => {
    it('create exactly the schema the entities describe (no pending schema change)', async () => {
      const pending = await database.dataSource.driver.createSchemaBuilder().log();

      expect(POSTGRES_STORE_MIGRATIONS.length).toBeGreaterThan(0);
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    });

    it('create the tables in the service schema, not in public', async () => {
      const schema = database.dataSource.driver.schema;
      const tables = (await database.dataSource.query(
        `SELECT "table_name" FROM "information_schema"."tables" WHERE "table_schema" = $1 ORDER BY "table_name"`,
        [schema],
      )) as { table_name: string }[];

      expect(tables.map((table) => table.table_name)).toEqual([
        'fhir_index_date',
        'fhir_index_number',
        'fhir_index_quantity',
        'fhir_index_reference',
        'fhir_index_string',
        'fhir_index_token',
        'fhir_index_uri',
        'fhir_resource',
        'fhir_resource_version',
        'typeorm_migrations',
      ]);
    });

    it('give the planner extended statistics on the index tables, in the service schema', async () => {
      const statistics = (await database.dataSource.query(
        `SELECT "stxname" FROM "pg_statistic_ext" s JOIN "pg_namespace" n ON n."oid" = s."stxnamespace" ` +
          `WHERE n."nspname" = $1 ORDER BY "stxname"`,
        [database.dataSource.driver.schema],
      )) as { stxname: string }[];

      expect(statistics.map((row) => row.stxname)).toEqual([
        'stat_fhir_index_date_type_code',
        'stat_fhir_index_reference_type_code_target',
        'stat_fhir_index_token_type_code_value',
      ]);
    });
  });
});
