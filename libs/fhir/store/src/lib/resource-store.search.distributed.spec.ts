import { ResourceStore } from './resource-store.service';
import { openPostgresStore } from './testing/postgres-data-source';
import { describeResourceStoreSearchBehaviour } from './testing/resource-store-search.behaviour';
import { type TestDataSource } from './testing/sqlite-data-source';

// A database of its own: the 20 Synthea bundles plus the paging spec's writes.
describe(`${ResourceStore.name} search on PostgreSQL`, () => {
  let database: TestDataSource;
  const timings = new Map<string, number>();

  beforeAll(async () => {
    database = await openPostgresStore();
  });

  afterAll(async () => {
    await database?.close();
    if (process.env['SEARCH_TIMINGS']) {
      console.log([...timings].map(([query, ms]) => `${ms.toFixed(1)} ms  ${query}`).join('\n'));
    }
  });

  describeResourceStoreSearchBehaviour(() => database.dataSource, timings);
});
