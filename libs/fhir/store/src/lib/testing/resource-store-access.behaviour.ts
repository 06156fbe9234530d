import type { ResourceToImport } from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import type { ParameterFilter } from '@connector/fhir-search';
import { referencesIn } from '@connector/shared-testing';
import type { ResourceStore } from '../resource-store.service';
import { AccessPolicy } from '../search/access-policy';
import type { SearchPage } from '../search/search-page.types';
import { searchRequest } from './resource-store-search.behaviour';
import { idSet, idsOf, keyOf, keysOf, type SyntheaCorpus } from './synthea-corpus';

/*
 * The access context applied inside the store's statements, over the Synthea corpus (SQLite and PostgreSQL). The
 * expected sets come from the raw JSON: a patient's data is whatever refers to `Patient/<id>` anywhere; types with
 * no patient reference at all (Practitioner, Organization, Location…) are nobody's.
 */

export function describeResourceStoreAccessBehaviour(
  getStore: () => ResourceStore,
  getCorpus: () => SyntheaCorpus,
): void {
  let patientA: string;
  let patientB: string;
  let onlyA: AccessPolicy;

  const belongsTo = (resource: ResourceToImport, patientId: string) =>
    (resource.resourceType === 'Patient' && resource.id === patientId) ||
    referencesIn(resource).includes(`Patient/${patientId}`);
  const ofType = (type: string) => getCorpus().ofType<ResourceToImport>(type);
  const search = (type: string, query: string, access?: AccessPolicy, cursor?: string): Promise<SearchPage> =>
    getStore().search(searchRequest(type, query), cursor === undefined ? {} : { cursor }, access);
  /** Every match of a search, following the cursors. */
  async function allMatches(type: string, query: string, access?: AccessPolicy): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(type, query, access, cursor);
      ids.push(...idsOf(page.resources));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return ids.sort();
  }

  const encountersOf = (patientId: string) =>
    ofType('Encounter').filter((encounter) => belongsTo(encounter, patientId));
  /** An Organization serving both patients: what the revinclude test needs to tell their encounters apart. */
  let sharedOrganization: string;

  beforeAll(() => {
    const patientIds = ofType('Patient').map((patient) => patient.id);
    const servedBy = new Map<string, string[]>();
    for (const patientId of patientIds) {
      for (const reference of new Set(referencesIn(encountersOf(patientId)))) {
        if (reference.startsWith('Organization/')) {
          servedBy.set(reference, [...(servedBy.get(reference) ?? []), patientId]);
        }
      }
    }
    const shared = [...servedBy].find(([, served]) => served.length >= 2);
    if (shared === undefined) {
      throw new Error('test data: expected an Organization serving encounters of two Synthea patients');
    }
    [sharedOrganization, [patientA, patientB]] = shared;
    onlyA = new AccessPolicy({ patients: [patientA] });
  });

  describe('search with an access context', () => {
    it("bounds a patient's search to their compartment, with totals and paging to match", async () => {
      const expected = idSet(ofType('Observation').filter((observation) => belongsTo(observation, patientA)));
      expect(expected.length).toBeGreaterThan(7);
      expect(await allMatches('Observation', '_count=7', onlyA)).toEqual(expected);
      expect((await search('Observation', '_total=accurate&_count=1', onlyA)).total).toBe(expected.length);
      expect(await allMatches('Patient', '', onlyA)).toEqual([patientA]);
    });

    it('leaves types outside the Patient compartment visible', async () => {
      expect(await allMatches('Practitioner', '_count=1000', onlyA)).toEqual(idSet(ofType('Practitioner')));
    });

    it('applies the access context to chain targets and _has sources', async () => {
      const familyOfB = (
        ofType('Patient').find((patient) => patient.id === patientB)?.['name'] as { family: string }[]
      )[0].family;
      expect(await allMatches('Observation', `subject:Patient.family=${familyOfB}`)).not.toEqual([]);
      expect(await allMatches('Observation', `subject:Patient.family=${familyOfB}`, onlyA)).toEqual([]);
      expect(await allMatches('Organization', `_has:Encounter:service-provider:patient=${patientB}`)).not.toEqual([]);
      expect(await allMatches('Organization', `_has:Encounter:service-provider:patient=${patientB}`, onlyA)).toEqual(
        [],
      );
    });

    it("includes and revincludes nothing of another patient's", async () => {
      const organization = sharedOrganization;
      const query = `_id=${organization.split('/')[1]}&_revinclude=Encounter:service-provider`;
      const allowed = encountersOf(patientA).filter((encounter) => referencesIn(encounter).includes(organization));
      const page = await search('Organization', query, onlyA);
      expect(keysOf(page.included)).toEqual(allowed.map(keyOf).sort());
      const unrestricted = await search('Organization', query);
      expect(keysOf(unrestricted.included).length).toBeGreaterThan(allowed.length);

      const observationOfB = ofType('Observation').find((observation) => belongsTo(observation, patientB));
      const withSubject = await search('Observation', `_id=${observationOfB?.id}&_include=Observation:subject`, onlyA);
      expect(withSubject.resources).toEqual([]);
    });

    it('searches the compartment form, which the access context still bounds', async () => {
      const compartmentOfB = searchRequest('Observation', '_count=1000', { resourceType: 'Patient', id: patientB });
      const expected = idSet(ofType('Observation').filter((observation) => belongsTo(observation, patientB)));
      expect(idsOf((await getStore().search(compartmentOfB)).resources).sort()).toEqual(expected);
      expect((await getStore().search(compartmentOfB, {}, onlyA)).resources).toEqual([]);
      const self = searchRequest('Patient', '', { resourceType: 'Patient', id: patientB });
      expect(idsOf((await getStore().search(self)).resources)).toEqual([patientB]);
    });
  });

  describe('reads with an access context', () => {
    it("reads the patient's own data and nobody's data, and nothing of another patient's", async () => {
      const store = getStore();
      const own = ofType('Condition').find((condition) => belongsTo(condition, patientA)) as ResourceToImport;
      const theirs = ofType('Condition').find((condition) => belongsTo(condition, patientB)) as ResourceToImport;
      const practitioner = ofType('Practitioner')[0];
      expect(await store.read('Condition', own.id, onlyA)).not.toBeNull();
      expect(await store.read('Condition', theirs.id, onlyA)).toBeNull();
      expect(await store.read('Condition', theirs.id)).not.toBeNull();
      expect(await store.read('Practitioner', practitioner.id, onlyA)).not.toBeNull();
      const many = await store.readMany([own, theirs, practitioner], onlyA);
      expect(keysOf(many)).toEqual([keyOf(own), keyOf(practitioner)].sort());
      expect(
        await store.referencing('Condition', 'subject', [{ resourceType: 'Patient', id: patientB }], onlyA),
      ).toEqual([]);
    });
  });

  describe('resource type grants', () => {
    const observationsAndPatients = new AccessPolicy({ resourceTypes: ['Observation', 'Patient'] });

    it('refuses a search or read of a type not granted with 403', async () => {
      await expect(search('Condition', '', observationsAndPatients)).rejects.toMatchObject({ status: 403 });
      const condition = ofType('Condition')[0];
      await expect(getStore().read('Condition', condition.id, observationsAndPatients)).rejects.toBeInstanceOf(
        FhirError,
      );
    });

    it('never includes a type not granted', async () => {
      const page = await search(
        'Observation',
        '_count=20&_include=Observation:subject&_include=Observation:encounter',
        observationsAndPatients,
      );
      const included = keysOf(page.included);
      expect(included.length).toBeGreaterThan(0);
      expect(included.every((key) => key.startsWith('Patient/'))).toBe(true);
    });
  });

  describe('granular constraints', () => {
    it('lets through only the resources matching one of the granted queries', async () => {
      const filters = (query: string) => searchRequest('Observation', query).filters as ParameterFilter[];
      const laboratory = new AccessPolicy({
        constraints: [
          { resourceType: 'Observation', filters: filters('category=laboratory') },
          { resourceType: 'Observation', filters: filters('category=survey&status=final') },
        ],
      });
      const categoriesOf = (observation: ResourceToImport) =>
        ((observation['category'] ?? []) as { coding?: { code?: string }[] }[]).flatMap((category) =>
          (category.coding ?? []).map((coding) => coding.code),
        );
      const expected = idSet(
        ofType('Observation').filter(
          (observation) =>
            categoriesOf(observation).includes('laboratory') ||
            (categoriesOf(observation).includes('survey') && observation['status'] === 'final'),
        ),
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(await allMatches('Observation', '_count=1000', laboratory)).toEqual(expected);
      expect(await allMatches('Observation', 'category=vital-signs', laboratory)).toEqual([]);
      expect((await allMatches('Patient', '_count=1000', laboratory)).length).toBe(ofType('Patient').length);
    });
  });
}
