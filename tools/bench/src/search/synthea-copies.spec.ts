import { prepareImport } from '@connector/fhir-import';
import type { Patient, Provenance } from 'fhir/r4';
import { copySuffix, loadSyntheaTemplates, syntheaCopy, type SyntheaTemplate } from './synthea-copies';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The smallest shared bundle: quick to copy. */
function smallestTemplate(): SyntheaTemplate {
  return loadSyntheaTemplates().reduce((smallest, template) =>
    template.text.length < smallest.text.length ? template : smallest,
  );
}

const uuidsOf = (text: string) => new Set(text.match(UUID) ?? []);

describe('syntheaCopy', () => {
  const template = smallestTemplate();
  const original = JSON.parse(template.text) as { entry: { resource: { resourceType: string } }[] };

  it('shares no UUID with the original or with another copy', () => {
    const originalIds = uuidsOf(template.text);
    const first = uuidsOf(JSON.stringify(syntheaCopy(template, 1).bundle));
    const second = uuidsOf(JSON.stringify(syntheaCopy(template, 2).bundle));
    expect([...first].filter((uuid) => originalIds.has(uuid) || second.has(uuid))).toEqual([]);
  });

  it('keeps every reference resolvable: the import prepares it with Type/id references only', () => {
    const { source, bundle } = syntheaCopy(template, 3);
    const prepared = prepareImport(bundle, source);
    expect(prepared.resources).toHaveLength(original.entry.length + 1);
    expect(JSON.stringify(prepared.resources)).not.toContain('urn:uuid:');
  });

  it('gives the family name the fixed-width suffix of the copy', () => {
    const family = (resources: { resourceType: string }[]) =>
      (resources.find((resource) => resource.resourceType === 'Patient') as Patient).name?.[0]?.family;
    const copied = syntheaCopy(template, 27).bundle.entry?.map((entry) => entry.resource as { resourceType: string });
    expect(family(copied ?? [])).toBe(`${family(original.entry.map((entry) => entry.resource))}abb`);
  });

  it('adds one Provenance targeting every other entry', () => {
    const entries = syntheaCopy(template, 4).bundle.entry ?? [];
    const provenances = entries.filter((entry) => entry.resource?.resourceType === 'Provenance');
    expect(provenances).toHaveLength(1);
    const targets = (provenances[0].resource as Provenance).target.map((target) => target.reference);
    expect(targets).toEqual(entries.slice(0, -1).map((entry) => entry.fullUrl));
  });
});

describe('copySuffix', () => {
  it('writes the copy number in three base-26 letters', () => {
    expect([0, 1, 25, 26, 675, 676].map(copySuffix)).toEqual(['aaa', 'aab', 'aaz', 'aba', 'azz', 'baa']);
  });
});
