import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ResourceToImport } from '@connector/contracts';
import { prepareImport } from '@connector/fhir-import';
import { sharedDataFiles } from '@connector/shared-testing';
import type { Observation } from 'fhir/r4';
import type { ResourceStore } from '../resource-store.service';
import { searchRequest } from './resource-store-search.behaviour';
import { idsOf } from './synthea-corpus';

const UCUM = 'http://unitsofmeasure.org';

/**
 * The composite and quantity search specs' data: every Synthea bundle, every US Core example and the R4
 * DocumentReference example (the only relatesTo in the shared data), prepared as `connector import` prepares
 * files, plus MILLIGRAM_FIXTURES. The specs compute expected results from these raw resources, never through the indexer or the engine.
 */
export interface CompositeSearchCorpus {
  readonly resources: ResourceToImport[];
  ofType<T>(resourceType: string): T[];
  /** Every Observation, for the quantity arithmetic. */
  readonly observations: Observation[];
}

/**
 * One quantity written in two units, 5.4 mg and 0.0054 g (the example of https://hl7.org/fhir/R4/search.html#quantity;
 * no shared data has a mass in mg), so the quantity spec can probe the edges of the written precision exactly.
 */
export const MILLIGRAM_FIXTURES: ResourceToImport[] = [
  { value: 5.4, code: 'mg' },
  { value: 0.0054, code: 'g' },
].map(({ value, code }) => {
  const observation: Observation = {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'urn:connector:test', code: 'ucum' }] },
    valueQuantity: { value, system: UCUM, code, unit: code },
  };
  return { ...observation, id: `ucum-${value}-${code}` };
});

const prepared = (file: string): ResourceToImport[] =>
  prepareImport(JSON.parse(readFileSync(file, 'utf8')) as unknown, basename(file)).resources;

export function loadCompositeSearchCorpus(): CompositeSearchCorpus {
  const documentReference = sharedDataFiles('r4-examples', '.json').filter((file) =>
    file.endsWith('/documentreference-example.json'),
  );
  if (documentReference.length !== 1) {
    throw new Error('r4-examples/documentreference-example.json missing from the shared data');
  }
  const resources = [
    ...sharedDataFiles('synthea', '.json').flatMap(prepared),
    ...sharedDataFiles(join('us-core', 'examples'), '.json').flatMap(prepared),
    ...documentReference.flatMap(prepared),
    ...MILLIGRAM_FIXTURES,
  ];
  const ofType = <T>(resourceType: string) =>
    resources.filter((resource) => resource.resourceType === resourceType) as T[];
  return { resources, ofType, observations: ofType<Observation>('Observation') };
}

/** Every id matching the query, following the pages (some answers exceed one page of 1,000). */
export async function searchAllIds(store: ResourceStore, resourceType: string, query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.search(searchRequest(resourceType, `${query}&_count=1000`), { cursor });
    ids.push(...idsOf(page.resources));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return ids.sort();
}
