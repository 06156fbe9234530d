import type { Bundle, OperationOutcome } from 'fhir/r4';
import { DEMO_ACCOUNTS, type EmbeddedServer } from '@connector/embedded';
import { generateDemoBundle } from '@connector/fhir-demo-data';
import { type ExpectedResource, expectedResources } from './support/expected-resources';
import { embeddedE2eConfig, type Http, pathOf, startEmbeddedE2e, stopEmbeddedE2e } from './support/embedded-e2e';

const CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';

/*
 * Expected result sets come straight from the generated demo bundle (the data the server seeds itself with),
 * read with plain property access here, never through the search engine.
 */
const DEMO = expectedResources(generateDemoBundle());

const ofType = (type: string): ExpectedResource[] => DEMO.filter((resource) => resource.type === type);
const sortedIds = (resources: readonly ExpectedResource[]): string[] => resources.map(({ id }) => id).sort();
const referenceOf = (value: unknown): string | undefined => (value as { reference?: string } | undefined)?.reference;
const hasCategory = (resource: ExpectedResource, code: string): boolean =>
  ((resource.resource['category'] ?? []) as { coding?: { system?: string; code?: string }[] }[]).some((concept) =>
    (concept.coding ?? []).some((coding) => coding.system === CATEGORY_SYSTEM && coding.code === code),
  );

const matchIds = (bundle: Bundle): string[] =>
  (bundle.entry ?? []).filter((entry) => entry.search?.mode === 'match').map((entry) => entry.resource?.id ?? '?');

describe('FHIR search in embedded mode (demo data, SQLite)', () => {
  const { dataDir, config } = embeddedE2eConfig('search');
  let server: EmbeddedServer;
  let http: Http;
  let token: string;

  const search = (url: string, headers: Record<string, string> = {}) =>
    http.get(url).set(headers).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    ({ server, http } = await startEmbeddedE2e(config));
    const response = await http
      .post('/oauth/token')
      .auth(DEMO_ACCOUNTS.client.clientId, DEMO_ACCOUNTS.client.secret)
      .type('form')
      .send({
        grant_type: 'password',
        username: DEMO_ACCOUNTS.provider.username,
        password: DEMO_ACCOUNTS.provider.password,
      });
    token = response.body.access_token;
  });

  afterAll(async () => {
    await stopEmbeddedE2e(server, dataDir);
  });

  it('finds the Patients of one gender', async () => {
    const expected = sortedIds(ofType('Patient').filter((patient) => patient.resource['gender'] === 'female'));
    expect(expected.length).toBeGreaterThan(0);

    const response = await search('/fhir/Patient?gender=female');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    const bundle = JSON.parse(response.text) as Bundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(matchIds(bundle).sort()).toEqual(expected);
    for (const entry of bundle.entry ?? []) {
      expect(new URL(entry.fullUrl ?? '').pathname).toBe(`/fhir/Patient/${entry.resource?.id}`);
    }
  });

  it("finds one patient's vital signs (patient + category)", async () => {
    const patientId = server.demo?.patientId ?? '';
    const expected = sortedIds(
      ofType('Observation').filter(
        (observation) =>
          referenceOf(observation.resource['subject']) === `Patient/${patientId}` &&
          hasCategory(observation, 'vital-signs'),
      ),
    );
    expect(expected.length).toBeGreaterThan(0);

    const response = await search(`/fhir/Observation?patient=${patientId}&category=vital-signs`);

    expect(response.status).toBe(200);
    expect(matchIds(response.body as Bundle).sort()).toEqual(expected);
  });

  const includedKeys = (bundle: Bundle): string[] =>
    (bundle.entry ?? [])
      .filter((entry) => entry.search?.mode === 'include')
      .map((entry) => `${entry.resource?.resourceType}/${entry.resource?.id}`)
      .sort();

  it('revincludes practice resources (Coverage, Appointment) on a chart Patient search, across services', async () => {
    const patientId = server.demo?.patientId ?? '';
    const patientRef = `Patient/${patientId}`;
    const coverages = ofType('Coverage').filter(
      (coverage) => referenceOf(coverage.resource['beneficiary']) === patientRef,
    );
    const appointments = ofType('Appointment').filter((appointment) =>
      ((appointment.resource['participant'] ?? []) as { actor?: unknown }[]).some(
        (participant) => referenceOf(participant.actor) === patientRef,
      ),
    );
    expect(coverages.length).toBeGreaterThan(0);
    expect(appointments.length).toBeGreaterThan(0);

    const response = await search(
      `/fhir/Patient?_id=${patientId}&_revinclude=Coverage:beneficiary&_revinclude=Appointment:patient`,
    );

    expect(response.status).toBe(200);
    const bundle = response.body as Bundle;
    expect(matchIds(bundle)).toEqual([patientId]);
    expect(includedKeys(bundle)).toEqual([...coverages, ...appointments].map(({ type, id }) => `${type}/${id}`).sort());
    for (const entry of (bundle.entry ?? []).filter((item) => item.search?.mode === 'include')) {
      expect(new URL(entry.fullUrl ?? '').pathname).toBe(`/fhir/${entry.resource?.resourceType}/${entry.resource?.id}`);
    }
  });

  it('keeps :iterate going across services: Patient (chart) → Appointment (practice) → its actors (chart)', async () => {
    const patientId = server.demo?.patientId ?? '';
    const patientRef = `Patient/${patientId}`;
    const appointments = ofType('Appointment').filter((appointment) =>
      ((appointment.resource['participant'] ?? []) as { actor?: unknown }[]).some(
        (participant) => referenceOf(participant.actor) === patientRef,
      ),
    );
    const actors = appointments.flatMap((appointment) =>
      ((appointment.resource['participant'] ?? []) as { actor?: unknown }[]).map((participant) =>
        referenceOf(participant.actor),
      ),
    );
    const reached = new Set(
      actors.filter(
        (reference): reference is string => reference !== undefined && /^(Practitioner|Location)\//.test(reference),
      ),
    );
    expect(reached.size).toBeGreaterThanOrEqual(2);

    const response = await search(
      `/fhir/Patient?_id=${patientId}&_revinclude=Appointment:patient` +
        '&_include:iterate=Appointment:practitioner&_include:iterate=Appointment:location',
    );

    expect(response.status).toBe(200);
    const bundle = response.body as Bundle;
    expect(matchIds(bundle)).toEqual([patientId]);
    expect(includedKeys(bundle)).toEqual([...appointments.map(({ type, id }) => `${type}/${id}`), ...reached].sort());

    const without = await search(`/fhir/Patient?_id=${patientId}&_revinclude=Appointment:patient`);
    expect(includedKeys(without.body as Bundle)).toEqual(appointments.map(({ type, id }) => `${type}/${id}`).sort());
  });

  it("includes the patient of one patient's vital signs once (same service)", async () => {
    const patientId = server.demo?.patientId ?? '';
    const response = await search(
      `/fhir/Observation?patient=${patientId}&category=vital-signs&_include=Observation:patient`,
    );

    expect(response.status).toBe(200);
    expect(includedKeys(response.body as Bundle)).toEqual([`Patient/${patientId}`]);
  });

  it('answers _summary=count with the total only and _elements with tagged subsets', async () => {
    const patientId = server.demo?.patientId ?? '';
    const vitals = ofType('Observation').filter(
      (observation) =>
        referenceOf(observation.resource['subject']) === `Patient/${patientId}` &&
        hasCategory(observation, 'vital-signs'),
    );

    const count = await search(`/fhir/Observation?patient=${patientId}&category=vital-signs&_summary=count`);
    expect(count.status).toBe(200);
    expect((count.body as Bundle).total).toBe(vitals.length);
    expect((count.body as Bundle).entry).toBeUndefined();

    const subset = await search(`/fhir/Patient?_id=${patientId}&_elements=gender,birthDate`);
    expect(subset.status).toBe(200);
    const [patient] = ((subset.body as Bundle).entry ?? []).map(
      (entry) => entry.resource as unknown as Record<string, unknown>,
    );
    const demoPatient = ofType('Patient').find(({ id }) => id === patientId)?.resource ?? {};
    // R4 Patient has no mandatory top-level element: only the asked ones, id, meta and resourceType remain.
    expect(Object.keys(patient).sort()).toEqual(
      ['resourceType', 'id', 'meta', 'gender', 'birthDate']
        .filter((key) => key === 'meta' || key in demoPatient)
        .sort(),
    );
    expect(patient['gender']).toBe(demoPatient['gender']);
    expect((patient['meta'] as { tag?: { system?: string; code?: string }[] }).tag).toContainEqual(
      expect.objectContaining({
        system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
        code: 'SUBSETTED',
      }),
    );
  });

  it('answers the legacy /Device/_search?Patient= form with a searchset Bundle', async () => {
    const expected = sortedIds(
      ofType('Device').filter((device) => referenceOf(device.resource['patient']) === 'Patient/1'),
    );

    const response = await search('/fhir/Device/_search?Patient=1');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(matchIds(response.body as Bundle).sort()).toEqual(expected);
  });

  it('refuses an unknown parameter with a 400 OperationOutcome naming it', async () => {
    const response = await search('/fhir/Patient?gender=female&shoe-size=42');

    expect(response.status).toBe(400);
    const outcome = response.body as OperationOutcome;
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue.map((issue) => issue.details?.text).join(' ')).toContain('shoe-size');
  });

  it('ignores an unknown parameter under Prefer: handling=lenient and says so in an outcome entry', async () => {
    const expected = sortedIds(ofType('Patient').filter((patient) => patient.resource['gender'] === 'male'));

    const response = await search('/fhir/Patient?shoe-size=42&gender=male', { prefer: 'handling=lenient' });

    expect(response.status).toBe(200);
    const bundle = response.body as Bundle;
    expect(matchIds(bundle).sort()).toEqual(expected);
    const outcomes = (bundle.entry ?? []).filter((entry) => entry.search?.mode === 'outcome');
    expect(outcomes).toHaveLength(1);
    const outcome = outcomes[0].resource as OperationOutcome;
    expect(outcome.issue[0]).toMatchObject({ severity: 'warning' });
    expect(outcome.issue[0].details?.text).toContain('shoe-size');
    const self = bundle.link?.find((link) => link.relation === 'self')?.url ?? '';
    expect(self).not.toContain('shoe-size');
  });

  it('pages with _count: following next links to the end returns every match exactly once', async () => {
    const expected = sortedIds(ofType('Observation').filter((observation) => hasCategory(observation, 'vital-signs')));
    const pageSize = 7;
    expect(expected.length).toBeGreaterThan(2 * pageSize);

    const seen: string[][] = [];
    let next: string | undefined = `/fhir/Observation?category=vital-signs&_count=${pageSize}`;
    let last: Bundle | undefined;
    while (next !== undefined && seen.length <= expected.length) {
      const response = await search(next);
      expect(response.status).toBe(200);
      last = response.body as Bundle;
      const ids = matchIds(last);
      expect(ids.length).toBeLessThanOrEqual(pageSize);
      seen.push(ids);
      next = linkPath(last, 'next');
    }

    expect(next).toBeUndefined();
    expect(seen.length).toBeGreaterThanOrEqual(Math.ceil(expected.length / pageSize));
    expect(seen.flat()).toHaveLength(expected.length);
    expect(seen.flat().sort()).toEqual(expected);

    // And back: the previous links from the last page return the same pages in reverse.
    const backward: string[][] = [];
    let previous = last === undefined ? undefined : linkPath(last, 'previous');
    while (previous !== undefined && backward.length <= seen.length) {
      const bundle = (await search(previous)).body as Bundle;
      backward.unshift(matchIds(bundle));
      previous = linkPath(bundle, 'previous');
    }
    expect(backward).toEqual(seen.slice(0, -1));
  });
});

function linkPath(bundle: Bundle, relation: 'next' | 'previous'): string | undefined {
  const url = bundle.link?.find((candidate) => candidate.relation === relation)?.url;
  return url === undefined ? undefined : pathOf(url);
}
