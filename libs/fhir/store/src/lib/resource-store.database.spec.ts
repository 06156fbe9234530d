import { resourceStoreDatabase } from './resource-store.database';
import { openSqliteStore, type TestDataSource } from './testing/sqlite-data-source';

describe(resourceStoreDatabase.name, () => {
  describe('sqliteMigrations', () => {
    let store: TestDataSource;

    beforeAll(async () => {
      store = await openSqliteStore();
    });

    afterAll(async () => {
      await store.close();
    });

    it('create exactly the schema the entities describe (no pending schema change)', async () => {
      const pending = await store.dataSource.driver.createSchemaBuilder().log();

      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    });

    it('create the resource, version and search index tables', async () => {
      const tables = (await store.dataSource.query(
        `SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" LIKE 'fhir_%' ORDER BY "name"`,
      )) as { name: string }[];

      expect(tables.map((table) => table.name)).toEqual([
        'fhir_index_date',
        'fhir_index_number',
        'fhir_index_quantity',
        'fhir_index_reference',
        'fhir_index_string',
        'fhir_index_token',
        'fhir_index_uri',
        'fhir_resource',
        'fhir_resource_version',
      ]);
    });
  });
});
