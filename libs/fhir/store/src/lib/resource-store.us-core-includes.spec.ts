import { readFileSync } from 'node:fs';
import type { ResourceToImport } from '@connector/contracts';
import { sharedDataFiles } from '@connector/shared-testing';
import { ResourceStore } from './resource-store.service';
import { searchRequest } from './testing/resource-store-search.behaviour';
import { openSqliteStore, type TestDataSource } from './testing/sqlite-data-source';
import { syntheaImport } from './testing/synthea-import';

/*
 * The two include paths the US Core server must support and Synthea has no data for: `_revinclude=Provenance:target`
 * (whose target is a versioned reference, `AllergyIntolerance/79613/_history/1`) and
 * `_include=MedicationRequest:medication`, on the US Core examples as published.
 */
const example = (name: string) => {
  const file = sharedDataFiles('us-core/examples', '.json').find((path) => path.endsWith(`/${name}.json`));
  if (file === undefined) {
    throw new Error(`US Core example ${name}.json missing from the shared data (../shared/data/us-core/examples)`);
  }
  return file;
};
const resource = (name: string) => JSON.parse(readFileSync(example(name), 'utf8')) as ResourceToImport;
const keysOf = (texts: readonly string[] = []) =>
  texts.map((text) => JSON.parse(text) as ResourceToImport).map(({ resourceType, id }) => `${resourceType}/${id}`);

describe(`${ResourceStore.name} US Core include paths`, () => {
  let database: TestDataSource;
  let store: ResourceStore;

  beforeAll(async () => {
    database = await openSqliteStore();
    store = new ResourceStore(database.dataSource);
    await store.importResources([
      ...syntheaImport(example('allergyintolerance-provenance-example1')).resources,
      resource('medicationrequest-referenced-oral-axid'),
      resource('medicationrequest-contained-oral-axid'),
      resource('uscore-med2'),
    ]);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('revincludes the Provenance whose versioned target is the match', async () => {
    const page = await store.search(searchRequest('AllergyIntolerance', '_id=79613&_revinclude=Provenance:target'));
    expect(keysOf(page.resources)).toEqual(['AllergyIntolerance/79613']);
    expect(keysOf(page.included)).toEqual(['Provenance/79614']);
  });

  it('includes the referenced Medication, and nothing for a contained one', async () => {
    const referenced = await store.search(
      searchRequest(
        'MedicationRequest',
        '_id=medicationrequest-referenced-oral-axid&_include=MedicationRequest:medication',
      ),
    );
    expect(keysOf(referenced.included)).toEqual(['Medication/uscore-med2']);
    const contained = await store.search(
      searchRequest(
        'MedicationRequest',
        '_id=medicationrequest-contained-oral-axid&_include=MedicationRequest:medication',
      ),
    );
    expect(keysOf(contained.resources)).toEqual(['MedicationRequest/medicationrequest-contained-oral-axid']);
    expect(contained.included ?? []).toEqual([]);
  });
});
