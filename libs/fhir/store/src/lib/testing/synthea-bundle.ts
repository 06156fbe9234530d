import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ResourceToImport } from '@connector/contracts';
import type { Bundle } from 'fhir/r4';

/** ../shared/data beside the repository root (CI clones the repository elsewhere with shared/ beside it). */
const SYNTHEA_DIR = resolve(__dirname, '../../../../../..', '../shared/data/synthea');

/** The smallest patient bundle of the shared Synthea sample: enough resource types, quick to import. */
export const SYNTHEA_BUNDLE = 'Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json';

/** Every resource of a Synthea transaction bundle, each with its id (urn:uuid entries get the uuid). */
export function syntheaResources(fileName: string = SYNTHEA_BUNDLE): ResourceToImport[] {
  const file = resolve(SYNTHEA_DIR, fileName);
  if (!existsSync(file)) {
    throw new Error(`Synthea test data missing: ${file} (the shared/ data directory must sit beside the repository)`);
  }
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as Bundle;
  return (bundle.entry ?? []).map((entry) => {
    const resource = entry.resource as unknown as ResourceToImport;
    const id = resource.id ?? entry.fullUrl?.replace(/^urn:uuid:/, '');
    if (!id) {
      throw new Error(`Synthea entry without id or urn:uuid fullUrl in ${file}`);
    }
    return { ...resource, id };
  });
}
