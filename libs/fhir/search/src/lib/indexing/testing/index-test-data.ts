import { readFileSync } from 'node:fs';
import { sharedDataFiles } from '@connector/shared-testing';
import type { Bundle, FhirResource } from 'fhir/r4';

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/**
 * Every resource of the shared Synthea bundles, with bundle-local `urn:uuid:` references rewritten to `Type/id` as
 * the import does before anything is indexed (the raw bundles only name their targets by fullUrl).
 */
export function syntheaResources(): FhirResource[] {
  return sharedDataFiles('synthea', '.json').flatMap((file) => {
    const bundle = readJson<Bundle>(file);
    const entries = bundle.entry ?? [];
    const localIds = new Map<string, string>();
    for (const entry of entries) {
      const resource = entry.resource;
      if (entry.fullUrl && resource) {
        localIds.set(
          entry.fullUrl,
          `${resource.resourceType}/${resource.id ?? entry.fullUrl.replace('urn:uuid:', '')}`,
        );
      }
    }
    const json = JSON.stringify(
      entries.map((entry) => ({
        ...entry.resource,
        id: entry.resource?.id ?? entry.fullUrl?.replace('urn:uuid:', ''),
      })),
    );
    const rewritten = json.replace(/"reference":"(urn:uuid:[^"]+)"/g, (whole, urn: string) =>
      localIds.has(urn) ? `"reference":"${localIds.get(urn)}"` : whole,
    );
    return JSON.parse(rewritten) as FhirResource[];
  });
}

/** The US Core 6.1.0 example resources (one per file, references already relative). */
export function usCoreExamples(): FhirResource[] {
  return sharedDataFiles('us-core/examples', '.json').map((file) => readJson<FhirResource>(file));
}

/** One FHIR R4 specification example (r4-examples/<name>.json), e.g. `documentreference-example`. */
export function r4Example<T extends FhirResource>(name: string): T {
  const file = sharedDataFiles('r4-examples', '.json').find((path) => path.endsWith(`/${name}.json`));
  if (file === undefined) {
    throw new Error(`r4-examples/${name}.json missing from the shared data`);
  }
  return readJson<T>(file);
}

/** Every FHIR R4 specification example (r4-examples/*.json), Bundles followed by their entries' resources. */
export function r4Examples(): FhirResource[] {
  return sharedDataFiles('r4-examples', '.json').flatMap((file) => {
    const resource = readJson<FhirResource>(file);
    const entries = resource.resourceType === 'Bundle' ? (resource.entry ?? []) : [];
    return [resource, ...entries.flatMap((entry) => (entry.resource ? [entry.resource as FhirResource] : []))];
  });
}
