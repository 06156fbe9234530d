import { ResourceStore } from './resource-store.service';
import { describeResourceStoreBehaviour } from './testing/resource-store.behaviour';
import { describeResourceStoreHistoryBehaviour } from './testing/resource-store-history.behaviour';
import { describeSearchIndexBehaviour } from './testing/search-index.behaviour';
import { openSqliteStore, type TestDataSource } from './testing/sqlite-data-source';

describe(ResourceStore.name, () => {
  let database: TestDataSource;

  beforeAll(async () => {
    database = await openSqliteStore();
  });

  afterAll(async () => {
    await database.close();
  });

  describeResourceStoreBehaviour(() => database.dataSource);
  describeResourceStoreHistoryBehaviour(() => database.dataSource);
  describeSearchIndexBehaviour(() => database.dataSource);

  describe('ping', () => {
    it('answers false once the database is closed', async () => {
      const closed = await openSqliteStore();
      const store = new ResourceStore(closed.dataSource);
      await closed.close();

      expect(await store.ping()).toBe(false);
    });
  });
});
