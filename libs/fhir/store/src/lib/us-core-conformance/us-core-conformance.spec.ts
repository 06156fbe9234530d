import { ResourceStore } from '../resource-store.service';
import { openSqliteStore, type TestDataSource } from '../testing/sqlite-data-source';
import { describeUsCoreConformance, type ConformanceTally } from './us-core-conformance.behaviour';

// A database of its own: the 20 Synthea bundles and the US Core examples, nothing else.
describe(`${ResourceStore.name} US Core 6.1 search conformance on SQLite`, () => {
  let database: TestDataSource;
  const tally: ConformanceTally = { queries: 0, failedQueries: 0, searchMs: 0 };

  beforeAll(async () => {
    database = await openSqliteStore();
  });

  afterAll(async () => {
    await database?.close();
    if (process.env['SEARCH_TIMINGS']) {
      console.log(`${tally.queries} queries, ${tally.failedQueries} failed, ${tally.searchMs.toFixed(0)} ms searching`);
    }
  });

  describeUsCoreConformance(() => database.dataSource, tally);
});
