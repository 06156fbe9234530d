import { parseSearchQuery, type SearchRequest } from '@connector/fhir-search';
import { searchParameter } from '@connector/fhir-search-parameters';
import { FhirError } from '@connector/fhir-outcomes';
import type { Condition, Encounter, Observation, Patient } from 'fhir/r4';
import type { DataSource } from 'typeorm';
import { ResourceStore } from '../resource-store.service';
import type { SearchPage } from '../search/search-page.types';
import { describeResourceStoreAccessBehaviour } from './resource-store-access.behaviour';
import { describeResourceStoreIncludeBehaviour } from './resource-store-include.behaviour';
import { dateRangeOf, idSet, idsOf, loadSyntheaCorpus, type SyntheaCorpus } from './synthea-corpus';

/*
 * ResourceStore.search over the 20 shared Synthea bundles, run by the SQLite spec and the PostgreSQL distributed
 * spec alike. Every expected id set is computed from the raw JSON here, never through the indexer or the engine.
 */

const BASE_URL = 'https://connector.example/fhir';

/** Parses a literal query (split on & and the first =, no percent-decoding) the way the gateway would. */
export function searchRequest(
  resourceType: string,
  query: string,
  compartment?: { resourceType: string; id: string },
): SearchRequest {
  const params = query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair): [string, string] => {
      const equals = pair.indexOf('=');
      return [pair.slice(0, equals), pair.slice(equals + 1)];
    });
  return parseSearchQuery({
    resourceType,
    params,
    lookup: searchParameter,
    baseUrl: BASE_URL,
    ...(compartment === undefined ? {} : { compartment }),
  });
}

const codesOf = (concept?: { coding?: { system?: string; code?: string }[] }) =>
  (concept?.coding ?? []).map((coding) => `${coding.system}|${coding.code}`);

export function describeResourceStoreSearchBehaviour(
  getDataSource: () => DataSource,
  timings?: Map<string, number>,
): void {
  let store: ResourceStore;
  let corpus: SyntheaCorpus;
  let patients: Patient[];
  let observations: Observation[];

  /** Runs one search, timing it (first page) when asked. */
  async function search(resourceType: string, query: string, cursor?: string): Promise<SearchPage> {
    const started = performance.now();
    const page = await store.search(searchRequest(resourceType, query), cursor === undefined ? {} : { cursor });
    if (cursor === undefined) {
      timings?.set(`${resourceType}?${query}`, performance.now() - started);
    }
    return page;
  }

  /** Every page in order; asserts each is at most `_count` long. */
  async function allIds(resourceType: string, query: string, pageSize: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(resourceType, query, cursor);
      expect(page.resources.length).toBeLessThanOrEqual(pageSize);
      ids.push(...idsOf(page.resources));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return ids;
  }

  const matchIds = async (resourceType: string, query: string) =>
    idsOf((await search(resourceType, `${query}&_count=1000`)).resources).sort();

  beforeAll(async () => {
    store = new ResourceStore(getDataSource());
    corpus = loadSyntheaCorpus();
    await store.importResources(corpus.resources);
    patients = corpus.ofType<Patient>('Patient');
    observations = corpus.ofType<Observation>('Observation');
  });

  describe('search', () => {
    it('finds Patient?gender=female', async () => {
      const expected = idSet(patients.filter((patient) => patient.gender === 'female'));
      expect(expected.length).toBeGreaterThan(0);
      expect(await matchIds('Patient', 'gender=female')).toEqual(expected);
    });

    it('finds Patient?birthdate=ge1990 (day ranges above or within 1990)', async () => {
      const expected = idSet(patients.filter((patient) => (patient.birthDate as string) >= '1990-01-01'));
      expect(expected.length).toBeGreaterThan(0);
      expect(await matchIds('Patient', 'birthdate=ge1990')).toEqual(expected);
    });

    it('finds Patient?name=<family prefix> on any name part, case- and accent-insensitively', async () => {
      const prefix = (patients[0].name?.[0].family as string).slice(0, 3);
      const fold = (text: string) =>
        text
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase();
      const expected = idSet(
        patients.filter((patient) =>
          (patient.name ?? []).some((name) =>
            [name.family, name.text, ...(name.given ?? []), ...(name.prefix ?? []), ...(name.suffix ?? [])]
              .filter((part): part is string => part !== undefined)
              .some((part) => fold(part).startsWith(fold(prefix))),
          ),
        ),
      );
      expect(await matchIds('Patient', `name=${prefix.toUpperCase()}`)).toEqual(expected);
    });

    it('finds Observation?code=http://loinc.org|<a common code>', async () => {
      const expected = idSet(
        observations.filter((observation) => codesOf(observation.code).includes('http://loinc.org|8302-2')),
      );
      expect(expected.length).toBeGreaterThan(100);
      expect(await matchIds('Observation', 'code=http://loinc.org|8302-2')).toEqual(expected);
    });

    it('ANDs Observation?patient=<id>&category=vital-signs and ORs comma-separated values', async () => {
      const id = patients[0].id as string;
      const expected = idSet(
        observations.filter(
          (observation) =>
            observation.subject?.reference === `Patient/${id}` &&
            (observation.category ?? []).some((category) =>
              (category.coding ?? []).some((coding) => coding.code === 'vital-signs'),
            ),
        ),
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(await matchIds('Observation', `patient=${id}&category=vital-signs`)).toEqual(expected);
      expect(await matchIds('Observation', `patient=Patient/${id}&category=nothing,vital-signs`)).toEqual(expected);
    });

    it('finds Observation?date=ge2015-01-01&date=lt2016-01-01', async () => {
      const [low, high] = [Date.UTC(2015, 0, 1), Date.UTC(2016, 0, 1)];
      const expected = idSet(
        observations.filter((observation) => {
          const [start] = dateRangeOf(observation.effectiveDateTime as string);
          return start >= low && start < high;
        }),
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(await matchIds('Observation', 'date=ge2015-01-01&date=lt2016-01-01')).toEqual(expected);
    });

    it('finds Condition?clinical-status=active and its :not complement', async () => {
      const conditions = corpus.ofType<Condition>('Condition');
      const active = (condition: Condition) =>
        (condition.clinicalStatus?.coding ?? []).some((coding) => coding.code === 'active');
      expect(await matchIds('Condition', 'clinical-status=active')).toEqual(idSet(conditions.filter(active)));
      expect(await matchIds('Condition', 'clinical-status:not=active')).toEqual(
        idSet(conditions.filter((condition) => !active(condition))),
      );
    });

    it('finds Encounter?date=2010: periods the year contains (eq per the R4 prefix table)', async () => {
      const [low, high] = [Date.UTC(2010, 0, 1), Date.UTC(2011, 0, 1)];
      const expected = idSet(
        corpus.ofType<Encounter>('Encounter').filter((encounter) => {
          const { start, end } = encounter.period ?? {};
          return (
            start !== undefined && end !== undefined && dateRangeOf(start)[0] >= low && dateRangeOf(end)[1] <= high
          );
        }),
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(await matchIds('Encounter', 'date=2010')).toEqual(expected);
    });

    it('finds Condition?abatement-date:missing=true|false', async () => {
      const conditions = corpus.ofType<Condition>('Condition');
      const has = (condition: Condition) =>
        condition.abatementDateTime !== undefined || condition.abatementPeriod !== undefined;
      expect(await matchIds('Condition', 'abatement-date:missing=true')).toEqual(
        idSet(conditions.filter((c) => !has(c))),
      );
      expect(await matchIds('Condition', 'abatement-date:missing=false')).toEqual(idSet(conditions.filter(has)));
    });

    it('finds by _id (OR of ids) and excludes with _id:not', async () => {
      const ids = [patients[1].id as string, patients[2].id as string];
      expect(await matchIds('Patient', `_id=${ids.join(',')}`)).toEqual([...ids].sort());
      expect(await matchIds('Patient', `_id:not=${ids[0]}`)).toEqual(
        idSet(patients.filter((patient) => patient.id !== ids[0])),
      );
    });

    it('follows a chain: Observation?subject:Patient.gender=male', async () => {
      const males = new Set(
        patients.filter((patient) => patient.gender === 'male').map((patient) => `Patient/${patient.id}`),
      );
      const expected = idSet(observations.filter((observation) => males.has(observation.subject?.reference as string)));
      expect(await matchIds('Observation', 'subject:Patient.gender=male')).toEqual(expected);
    });

    it('follows a reverse chain: Patient?_has:Observation:patient:code=<code>', async () => {
      const code = '2085-9';
      const referred = new Set(
        observations
          .filter((observation) => (observation.code.coding ?? []).some((coding) => coding.code === code))
          .map((observation) => observation.subject?.reference),
      );
      const expected = idSet(patients.filter((patient) => referred.has(`Patient/${patient.id}`)));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(patients.length);
      expect(await matchIds('Patient', `_has:Observation:patient:code=${code}`)).toEqual(expected);
    });

    it('sorts by _sort=birthdate and -birthdate, then id', async () => {
      const byId = (a: Patient, b: Patient) => ((a.id as string) < (b.id as string) ? -1 : 1);
      const birth = (patient: Patient) => patient.birthDate as string;
      const ascending = [...patients].sort((a, b) =>
        birth(a) === birth(b) ? byId(a, b) : birth(a) < birth(b) ? -1 : 1,
      );
      const descending = [...patients].sort((a, b) =>
        birth(a) === birth(b) ? byId(a, b) : birth(a) > birth(b) ? -1 : 1,
      );
      expect(idsOf((await search('Patient', '_sort=birthdate')).resources)).toEqual(ascending.map((p) => p.id));
      expect(idsOf((await search('Patient', '_sort=-birthdate')).resources)).toEqual(descending.map((p) => p.id));
    });

    it('pages with _count=7 through every match once, in order (several sort keys, ties broken by id)', async () => {
      const id = patients[0].id as string;
      const query = `patient=${id}&_sort=-date,code&_count=7`;
      const full = idsOf((await search('Observation', `patient=${id}&_sort=-date,code&_count=1000`)).resources);
      const paged = await allIds('Observation', query, 7);
      expect(full.length).toBeGreaterThan(14);
      expect(paged).toEqual(full);
      const mine = observations.filter((observation) => observation.subject?.reference === `Patient/${id}`);
      expect([...paged].sort()).toEqual(idSet(mine));
      const start = (observation: Observation) => dateRangeOf(observation.effectiveDateTime as string)[0];
      const starts = paged.map((each) => start(mine.find((observation) => observation.id === each) as Observation));
      expect(starts).toEqual([...starts].sort((a, b) => b - a));
    });

    it('answers _total=accurate with the size of the match set, and _count=0 with the total only', async () => {
      const expected = observations.filter((observation) =>
        codesOf(observation.code).includes('http://loinc.org|8302-2'),
      ).length;
      const page = await search('Observation', 'code=http://loinc.org|8302-2&_total=accurate&_count=5');
      expect(page.total).toBe(expected);
      expect(page.resources).toHaveLength(5);
      expect(await search('Observation', 'code=http://loinc.org|8302-2&_count=0')).toEqual({
        resources: [],
        total: expected,
      });
      expect((await search('Observation', 'code=http://loinc.org|8302-2&_count=5')).total).toBeUndefined();
    });

    it('keeps paging stable when matching resources are written between pages', async () => {
      const basics = Array.from({ length: 9 }, (_unused, index) => ({
        resourceType: 'Basic',
        id: `paging-${index}`,
        code: { text: 'paging' },
        created: `2020-01-0${index + 1}`,
      }));
      await store.importResources(basics);
      const first = await search('Basic', '_sort=created&_count=4');
      // Written before the cursor: must not appear; after it: must appear exactly once.
      await store.importResources([
        { resourceType: 'Basic', id: 'paging-early', code: { text: 'paging' }, created: '2019-01-01' },
        { resourceType: 'Basic', id: 'paging-late', code: { text: 'paging' }, created: '2021-01-01' },
      ]);
      const rest: string[] = [];
      let cursor = first.nextCursor;
      while (cursor !== undefined) {
        const page = await search('Basic', '_sort=created&_count=4', cursor);
        rest.push(...idsOf(page.resources));
        cursor = page.nextCursor;
      }
      expect([...idsOf(first.resources), ...rest]).toEqual([...basics.map((basic) => basic.id), 'paging-late']);
    });

    it.each(['_count=7', '_sort=-death-date,birthdate&_count=5', '_sort=family,-_id&_count=6'])(
      'walks back with previous cursors over exactly the pages it walked forward (%s)',
      async (query) => {
        const forward: string[][] = [];
        let page = await search('Patient', query);
        expect(page.previousCursor).toBeUndefined();
        forward.push(idsOf(page.resources));
        while (page.nextCursor !== undefined) {
          page = await search('Patient', query, page.nextCursor);
          expect(page.previousCursor).toBeDefined();
          forward.push(idsOf(page.resources));
        }
        const backward: string[][] = [];
        while (page.previousCursor !== undefined) {
          page = await search('Patient', query, page.previousCursor);
          expect(page.nextCursor).toBeDefined();
          backward.unshift(idsOf(page.resources));
        }
        expect(forward.length).toBeGreaterThan(2);
        expect(backward).toEqual(forward.slice(0, -1));
      },
    );

    it('rejects a bad cursor and terminology modifiers with a 400', async () => {
      await expect(search('Patient', 'gender=female', 'not-a-cursor')).rejects.toMatchObject({ status: 400 });
      const other = (await search('Patient', '_count=1')).nextCursor as string;
      await expect(search('Patient', '_sort=birthdate', other)).rejects.toBeInstanceOf(FhirError);
      await expect(search('Condition', 'code:in=http://example.org/vs')).rejects.toMatchObject({ status: 400 });
    });
  });

  describeResourceStoreIncludeBehaviour(
    () => store,
    () => corpus,
    getDataSource,
  );
  describeResourceStoreAccessBehaviour(
    () => store,
    () => corpus,
  );
}
