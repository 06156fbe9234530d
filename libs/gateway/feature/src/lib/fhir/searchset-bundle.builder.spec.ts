import type { Bundle } from 'fhir/r4';
import type { SearchResourcesReply } from '@connector/contracts';
import { buildSearchsetBundle } from './searchset-bundle.builder';

const FHIR_BASE = 'https://fhir.example.test/fhir';
// Odd spacing, non-ASCII and a key order other than the store's: the builder must embed the texts untouched.
const P1 = '{"resourceType":"Patient","id":"p1","meta":{"versionId":"1"},  "name":[{"family":"Müller"}]}';
const P2 = '{ "id": "p2", "resourceType": "Patient" }';

function reply(extra: Partial<SearchResourcesReply> = {}): SearchResourcesReply {
  return { resources: [P1, P2], warnings: [], canonicalParams: [['gender', 'female']], ...extra };
}

function build(searchReply: SearchResourcesReply): { text: string; bundle: Bundle } {
  const text = buildSearchsetBundle({
    id: 'b-1',
    lastUpdated: '2024-05-01T10:00:00.000Z',
    fhirBase: FHIR_BASE,
    searchPath: 'Patient',
    reply: searchReply,
  });
  return { text, bundle: JSON.parse(text) as Bundle };
}

describe(buildSearchsetBundle.name, () => {
  it('builds a valid searchset Bundle whose entries embed the resource texts byte for byte', () => {
    const { text, bundle } = build(reply({ total: 2 }));

    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      id: 'b-1',
      meta: { lastUpdated: '2024-05-01T10:00:00.000Z' },
      type: 'searchset',
      total: 2,
    });
    expect(text).toContain(`"resource":${P1}`);
    expect(text).toContain(`"resource":${P2}`);
    expect(bundle.entry?.map((entry) => [entry.fullUrl, entry.search?.mode])).toEqual([
      [`${FHIR_BASE}/Patient/p1`, 'match'],
      [`${FHIR_BASE}/Patient/p2`, 'match'],
    ]);
  });

  it('links self to the canonical parameters, and next and previous to the same plus their _cursor', () => {
    const { bundle } = build(
      reply({
        canonicalParams: [
          ['name', 'Mary Ann'],
          ['code:text', 'a|b'],
          ['_count', '2'],
        ],
        nextCursor: 'c/+=',
        previousCursor: 'p',
      }),
    );

    expect(bundle.link).toEqual([
      { relation: 'self', url: `${FHIR_BASE}/Patient?name=Mary%20Ann&code:text=a%7Cb&_count=2` },
      { relation: 'next', url: `${FHIR_BASE}/Patient?name=Mary%20Ann&code:text=a%7Cb&_count=2&_cursor=c/%2B%3D` },
      { relation: 'previous', url: `${FHIR_BASE}/Patient?name=Mary%20Ann&code:text=a%7Cb&_count=2&_cursor=p` },
    ]);
  });

  it('has no next link on the last page, no total when the service gave none, and no entry when empty', () => {
    const { bundle } = build(reply({ resources: [], canonicalParams: [] }));

    expect(bundle.link).toEqual([{ relation: 'self', url: `${FHIR_BASE}/Patient` }]);
    expect('total' in bundle).toBe(false);
    expect('entry' in bundle).toBe(false);
  });

  it('adds one outcome entry with a warning issue per lenient-mode warning', () => {
    const { bundle } = build(reply({ warnings: ['Unknown search parameter "a"', 'Unknown search parameter "b"'] }));

    const outcomes = bundle.entry?.filter((entry) => entry.search?.mode === 'outcome') ?? [];
    expect(outcomes).toEqual([
      {
        resource: {
          resourceType: 'OperationOutcome',
          issue: [
            { severity: 'warning', code: 'not-supported', details: { text: 'Unknown search parameter "a"' } },
            { severity: 'warning', code: 'not-supported', details: { text: 'Unknown search parameter "b"' } },
          ],
        },
        search: { mode: 'outcome' },
      },
    ]);
    expect(bundle.entry?.filter((entry) => entry.search?.mode === 'match')).toHaveLength(2);
  });
});
