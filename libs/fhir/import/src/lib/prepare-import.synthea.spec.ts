import { referencesIn, sharedDataDir } from '@connector/shared-testing';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { owningService } from '@connector/contracts';
import { prepareImport } from './prepare-import';

// Real third-party data: the Synthea sample bundles in ../shared/data beside the repository (loud if missing).
const SYNTHEA_DIR = sharedDataDir('synthea');

function syntheaFiles(): string[] {
  let names: string[];
  try {
    names = readdirSync(SYNTHEA_DIR).filter((name) => name.endsWith('.json'));
  } catch {
    throw new Error(
      `Synthea sample bundles not found at ${SYNTHEA_DIR} (expected ../shared/data/synthea beside the repo)`,
    );
  }
  if (names.length === 0) {
    throw new Error(`No Synthea *.json bundles in ${SYNTHEA_DIR}`);
  }
  return names.sort();
}

interface RawEntry {
  fullUrl: string;
  resource: { resourceType: string; id: string };
}

describe('prepareImport', () => {
  describe('with the Synthea sample bundles', () => {
    const files = syntheaFiles();

    it.each(files)('%s: keeps every resource, id and type count and resolves every urn:uuid reference', (name) => {
      const raw = JSON.parse(readFileSync(resolve(SYNTHEA_DIR, name), 'utf8')) as { entry: RawEntry[] };
      const identityOfFullUrl = new Map(
        raw.entry.map((entry) => [entry.fullUrl, `${entry.resource.resourceType}/${entry.resource.id}`]),
      );
      const expectedReferences = raw.entry
        .flatMap((entry) => referencesIn(entry.resource))
        .map((reference) => identityOfFullUrl.get(reference) ?? reference)
        .sort();

      const prepared = prepareImport(raw, name);

      expect(prepared.source).toBe(name);
      expect(prepared.resources.map((r) => `${r.resourceType}/${r.id}`)).toEqual(
        raw.entry.map((entry) => `${entry.resource.resourceType}/${entry.resource.id}`),
      );
      const actualReferences = prepared.resources.flatMap(referencesIn);
      expect(actualReferences.filter((reference) => reference.startsWith('urn:uuid:'))).toEqual([]);
      expect([...actualReferences].sort()).toEqual(expectedReferences);
      const identities = new Set(prepared.resources.map((r) => `${r.resourceType}/${r.id}`));
      const dangling = actualReferences.filter((reference) => !reference.startsWith('#') && !identities.has(reference));
      expect(dangling).toEqual([]);
    });

    it.each(files)('%s: groups resources by owning service with the raw counts per type', (name) => {
      const raw = JSON.parse(readFileSync(resolve(SYNTHEA_DIR, name), 'utf8')) as { entry: RawEntry[] };
      const expected = new Map<string, Record<string, number>>();
      for (const { resource } of raw.entry) {
        const service = owningService(resource.resourceType) ?? 'none';
        const counts = expected.get(service) ?? {};
        counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1;
        expected.set(service, counts);
      }

      const prepared = prepareImport(raw, name);

      const actual = new Map<string, Record<string, number>>();
      for (const [service, resources] of prepared.byService) {
        const counts: Record<string, number> = {};
        for (const resource of resources) {
          counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1;
        }
        actual.set(service, counts);
      }
      expect(actual).toEqual(expected);
    });
  });
});
