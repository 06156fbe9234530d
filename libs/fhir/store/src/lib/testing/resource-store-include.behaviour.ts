import { owningService, type ResourceToImport } from '@connector/contracts';
import type { DataSource } from 'typeorm';
import type { ResourceStore } from '../resource-store.service';
import type { SearchPage } from '../search/search-page.types';
import { idSet, idsOf, keyOf, keysOf, type SyntheaCorpus } from './synthea-corpus';
import { searchRequest } from './resource-store-search.behaviour';

/*
 * `_include` / `_revinclude` over the Synthea corpus, run inside the search behaviour (SQLite and PostgreSQL).
 * Expected sets come from walking the raw JSON's `reference` strings, never through the reference index.
 */

type Json = Record<string, unknown>;

/** Every `Type/id` reference string anywhere in a resource (with the element path's first key). */
function referencesOf(value: unknown, top?: string, found: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) {
    value.forEach((item) => referencesOf(item, top, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Json)) {
      if (key === 'reference' && typeof child === 'string' && /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]+$/.test(child)) {
        found.push([top ?? key, child]);
      } else {
        referencesOf(child, top ?? key, found);
      }
    }
  }
  return found;
}

export function describeResourceStoreIncludeBehaviour(
  getStore: () => ResourceStore,
  getCorpus: () => SyntheaCorpus,
  getDataSource: () => DataSource,
): void {
  let byKey: Map<string, ResourceToImport>;
  let patientId: string;
  /** Resources of `type` whose top-level element `element` references one of `targets`. */
  const referencing = (type: string, element: string, targets: ReadonlySet<string>) =>
    getCorpus()
      .ofType<ResourceToImport>(type)
      .filter((resource) => referencesOf(resource).some(([top, ref]) => top === element && targets.has(ref)));
  /** The stored targets of top-level `element` references of `sources`. */
  const targetsOf = (sources: readonly ResourceToImport[], element?: string) =>
    new Set(
      sources.flatMap((resource) =>
        referencesOf(resource)
          .filter(([top, ref]) => (element === undefined || top === element) && byKey.has(ref))
          .map(([, ref]) => ref),
      ),
    );
  const search = (type: string, query: string, isLocalType?: (type: string) => boolean): Promise<SearchPage> =>
    getStore().search(searchRequest(type, query), {}, undefined, isLocalType ? { isLocalType } : {});

  beforeAll(() => {
    byKey = new Map(getCorpus().resources.map((resource) => [keyOf(resource), resource]));
    // The patient with the most observations: every include below has something to find.
    const counts = new Map<string, number>();
    for (const observation of getCorpus().ofType<ResourceToImport>('Observation')) {
      const subject = (observation['subject'] as { reference?: string } | undefined)?.reference ?? '';
      counts.set(subject, (counts.get(subject) ?? 0) + 1);
    }
    patientId = [...counts].sort((a, b) => b[1] - a[1])[0][0].split('/')[1];
  });

  describe('search with _include / _revinclude', () => {
    it('includes Observation:encounter for a patient, with one statement per path (no N+1)', async () => {
      const observations = referencing('Observation', 'subject', new Set([`Patient/${patientId}`]));
      const expected = [...targetsOf(observations, 'encounter')].sort();
      expect(expected.length).toBeGreaterThan(1);
      const query = jest.spyOn(getDataSource(), 'query');
      const page = await search('Observation', `patient=${patientId}&_include=Observation:encounter&_count=1000`);
      // The page, the reference rows of every match, the targets' contents.
      expect(query).toHaveBeenCalledTimes(3);
      query.mockRestore();
      expect(idsOf(page.resources).sort()).toEqual(idSet(observations));
      expect(keysOf(page.included)).toEqual(expected);
    });

    it('revincludes Observation:subject and Provenance:target of a patient', async () => {
      const target = new Set([`Patient/${patientId}`]);
      const expected = [
        ...referencing('Observation', 'subject', target),
        ...referencing('Provenance', 'target', target),
      ].map(keyOf);
      const page = await search(
        'Patient',
        `_id=${patientId}&_revinclude=Observation:subject&_revinclude=Provenance:target`,
      );
      // Synthea has no Provenance: that path must simply add nothing.
      expect(expected.length).toBeGreaterThan(0);
      expect(keysOf(page.included)).toEqual(expected.sort());
    });

    it('follows :iterate over included resources, and never repeats a match as an include', async () => {
      const encounters = referencing('Encounter', 'subject', new Set([`Patient/${patientId}`]));
      const observations = referencing('Observation', 'encounter', new Set(encounters.map(keyOf)));
      const page = await search(
        'Patient',
        `_id=${patientId}&_revinclude=Encounter:patient&_revinclude:iterate=Observation:encounter` +
          `&_include:iterate=Observation:patient`,
      );
      expect(observations.length).toBeGreaterThan(0);
      expect(keysOf(page.included)).toEqual([...encounters, ...observations].map(keyOf).sort());
    });

    it('includes every reference parameter for Encounter:* and *', async () => {
      const [encounter] = referencing('Encounter', 'subject', new Set([`Patient/${patientId}`]));
      const expected = [...targetsOf([encounter])].sort();
      expect(expected.length).toBeGreaterThan(1);
      for (const include of ['Encounter:*', '*']) {
        const page = await search('Encounter', `_id=${encounter.id}&_include=${include}`);
        expect(keysOf(page.included)).toEqual(expected);
      }
    });

    it("hands back what another service's store holds: foreign include targets and revinclude sources", async () => {
      const isChart = (type: string) => owningService(type) === 'chart';
      const patient = await search('Patient', `_id=${patientId}&_revinclude=ExplanationOfBenefit:patient`, isChart);
      expect(patient.included).toEqual([]);
      expect(patient.foreignRevincludes).toEqual([
        { sourceType: 'ExplanationOfBenefit', code: 'patient', targets: [`Patient/${patientId}`] },
      ]);
      const isPractice = (type: string) => owningService(type) === 'practice';
      const claims = referencing('ExplanationOfBenefit', 'patient', new Set([`Patient/${patientId}`]));
      expect(claims.length).toBeGreaterThan(0);
      const eob = await search(
        'ExplanationOfBenefit',
        `patient=${patientId}&_include=ExplanationOfBenefit:patient`,
        isPractice,
      );
      expect(eob.foreignIncludes).toEqual([
        { path: 'ExplanationOfBenefit:patient', references: [`Patient/${patientId}`] },
      ]);
    });

    it('answers the foreign halves: readMany and referencing', async () => {
      const target = new Set([`Patient/${patientId}`]);
      const claims = referencing('ExplanationOfBenefit', 'patient', target).map(keyOf).sort();
      const patientKey = { resourceType: 'Patient', id: patientId };
      expect(keysOf(await getStore().referencing('ExplanationOfBenefit', 'patient', [patientKey]))).toEqual(claims);
      const read = await getStore().readMany([patientKey, { resourceType: 'Patient', id: 'missing' }]);
      expect(keysOf(read)).toEqual([`Patient/${patientId}`]);
    });
  });
}
