import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ResourceToImport } from '@connector/contracts';
import { sharedDataFiles } from '@connector/shared-testing';
import type { Bundle } from 'fhir/r4';

/** A second small Synthea bundle, apart from SYNTHEA_BUNDLE so the index specs share the database safely. */
export const INDEXED_SYNTHEA_BUNDLE = 'Clarence_Mills_0753ad6c-5935-4faa-9cfe-b7269e963d77.json';

/** The raw bundle and its resources as the import CLI stores them: `urn:uuid:` references rewritten to Type/id. */
export interface SyntheaImport {
  readonly bundle: Bundle;
  readonly resources: ResourceToImport[];
}

/** Every `*.json` bundle of the shared Synthea sample. */
export function syntheaBundleFiles(): string[] {
  return sharedDataFiles('synthea', '.json');
}

/** Reads one Synthea bundle (a path, or a file name of the shared sample) the way the import CLI would store it. */
export function syntheaImport(file: string = INDEXED_SYNTHEA_BUNDLE): SyntheaImport {
  const path = file.includes('/') ? file : syntheaBundleFiles().find((candidate) => basename(candidate) === file);
  if (path === undefined) {
    throw new Error(`Synthea bundle ${file} missing from the shared data`);
  }
  const bundle = JSON.parse(readFileSync(path, 'utf8')) as Bundle;
  const targets = new Map<string, string>();
  for (const entry of bundle.entry ?? []) {
    if (entry.fullUrl && entry.resource?.id) {
      targets.set(entry.fullUrl, `${entry.resource.resourceType}/${entry.resource.id}`);
    }
  }
  const resources = (bundle.entry ?? []).map((entry) => {
    const text = JSON.stringify(entry.resource);
    // A reviver sees every key at any depth: only `reference` strings naming a bundle entry change.
    return JSON.parse(text, (key: string, value: unknown) =>
      key === 'reference' && typeof value === 'string' ? (targets.get(value) ?? value) : value,
    ) as ResourceToImport;
  });
  return { bundle, resources };
}
