import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ResourceToImport } from '@connector/contracts';
import { prepareImport } from '@connector/fhir-import';
import { sharedDataFiles } from '@connector/shared-testing';
import type { ResourceStore } from '../resource-store.service';
import type { Json } from './oracle-accessors.constants';
import type { ConformanceCorpus } from './query-generator.util';

/*
 * The suite's data: every Synthea bundle and every US Core example of ../shared/data, prepared exactly as
 * `connector import` prepares files (@connector/fhir-import: ids assigned, bundle references rewritten to Type/id),
 * stored in one import, then read back — the oracle works on the resources as the store holds them.
 */

const prepared = (file: string): ResourceToImport[] =>
  prepareImport(JSON.parse(readFileSync(file, 'utf8')) as unknown, basename(file)).resources;

const keyOf = (resource: { resourceType: string; id: string }) => `${resource.resourceType}/${resource.id}`;

/** Imports the shared data into `store` and returns it as stored. Fails loudly when the data is missing. */
export async function importConformanceCorpus(store: ResourceStore): Promise<ConformanceCorpus> {
  const synthea = sharedDataFiles('synthea', '.json').flatMap(prepared);
  const usCore = sharedDataFiles(join('us-core', 'examples'), '.json').flatMap(prepared);
  await store.importResources([...synthea, ...usCore]);
  // A (type, id) given twice is stored once, the last one winning: dedupe the keys the same way.
  const keys = new Map(
    [...synthea, ...usCore].map(({ resourceType, id }) => [keyOf({ resourceType, id }), { resourceType, id }]),
  );
  const stored = (await store.readMany([...keys.values()])).map((text) => JSON.parse(text) as Json);
  if (stored.length !== keys.size) {
    throw new Error(`Imported ${keys.size} resources but read back ${stored.length}`);
  }
  const byType = new Map<string, Json[]>();
  for (const resource of stored) {
    const type = resource['resourceType'] as string;
    const ofType = byType.get(type) ?? [];
    ofType.push(resource);
    byType.set(type, ofType);
  }
  return {
    byType,
    byKey: new Map(stored.map((resource) => [keyOf(resource as { resourceType: string; id: string }), resource])),
    usCoreKeys: new Set(usCore.map(keyOf)),
  };
}
