import { ResourceStore } from './resource-store.service';
import { describeCompositeSearchBehaviour } from './testing/resource-store-composite.behaviour';
import { openSqliteStore, type TestDataSource } from './testing/sqlite-data-source';

// A database of its own: the Synthea bundles, the US Core examples and the R4 DocumentReference example.
describe(`${ResourceStore.name} composite and UCUM quantity search on SQLite`, () => {
  let database: TestDataSource;

  beforeAll(async () => {
    database = await openSqliteStore();
  });

  afterAll(async () => {
    await database?.close();
  });

  describeCompositeSearchBehaviour(() => database.dataSource);
});
