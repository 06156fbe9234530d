import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Bundle } from 'fhir/r4';
import {
  AuthSubjects,
  ChartSubjects,
  PracticeSubjects,
  type SearchResourcesReply,
  SearchResourcesRequest,
} from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { configFrom } from '@connector/shared-config';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { generateTestSigningKey, signTestToken, type TestSigningKey } from '../../testing/test-signing-key';
import { createGatewayApp } from '../gateway-app.factory';
import { ResourceSearchService } from './resource-search.service';

const BASE_URL = 'https://fhir.example.test';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const P1 = '{"resourceType":"Patient","id":"p1","meta":{"versionId":"1"},"gender":"female",  "name":[{"family":"Ré"}]}';
const P2 = '{"resourceType":"Patient","id":"p2","meta":{"versionId":"4"},"gender":"female"}';

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

describe(ResourceSearchService.name, () => {
  let app: NestFastifyApplication;
  let clients: FakeServiceClients;
  let key: TestSigningKey;
  let token: string;
  // What the fake chart service answers next; each test sets what it needs.
  let chartReply: SearchResourcesReply | FhirError;

  beforeAll(async () => {
    key = await generateTestSigningKey('key-1');
    token = await signTestToken(key, { issuer: BASE_URL, exp: nowSeconds() + 600 });
    clients = new FakeServiceClients({
      [AuthSubjects.getJwks]: () => ({ keys: [key.publicJwk] }),
      [ChartSubjects.searchResources]: () => {
        if (chartReply instanceof FhirError) {
          throw chartReply;
        }
        return chartReply;
      },
      [PracticeSubjects.searchResources]: () => ({ resources: [], warnings: [], canonicalParams: [] }),
    });
    app = await createGatewayApp(configFrom({ CONNECTOR_BASE_URL: BASE_URL }), clients.asServiceClients());
  });

  beforeEach(() => {
    clients.calls.length = 0;
    chartReply = { resources: [P1, P2], total: 2, warnings: [], canonicalParams: [['gender', 'female']] };
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });

  const sentPayloads = (subject: string = ChartSubjects.searchResources): SearchResourcesRequest[] =>
    clients.callsTo(subject).map((call) => call.payload as SearchResourcesRequest);

  describe('routes', () => {
    it.each(['/fhir', '/Fhir', '/api/fhir/resource'])(
      'answers GET {base}/Patient and {base}/Patient/_search with a searchset Bundle under %s',
      async (base) => {
        for (const url of [`${base}/Patient?gender=female`, `${base}/Patient/_search?gender=female`]) {
          const response = await get(url);
          expect(response.statusCode).toBe(200);
          expect(response.headers['content-type']).toBe(FHIR_JSON);
          expect(response.json<Bundle>()).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
        }
        const sent = {
          resourceType: 'Patient',
          params: [['gender', 'female']],
          lenient: false,
          baseUrl: `${BASE_URL}/fhir`,
        };
        expect(sentPayloads()).toEqual([
          { ...sent, access: {} },
          { ...sent, access: {} },
        ]);
        expect(clients.calls.find((call) => call.subject === ChartSubjects.searchResources)?.payload).toBeInstanceOf(
          SearchResourcesRequest,
        );
      },
    );

    it('routes to the service that owns the type', async () => {
      const response = await get('/fhir/Appointment?status=booked');
      expect(response.statusCode).toBe(200);
      expect(sentPayloads(PracticeSubjects.searchResources)).toEqual([
        expect.objectContaining({ resourceType: 'Appointment', params: [['status', 'booked']] }),
      ]);
    });

    it('answers an unknown resource type with 404 without asking a service', async () => {
      const response = await get('/fhir/Unicorn?name=x');
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
      expect(clients.calls.filter((call) => call.subject !== AuthSubjects.getJwks)).toEqual([]);
    });

    it('requires a bearer token', async () => {
      const response = await app.inject({ method: 'GET', url: '/fhir/Patient?gender=female' });
      expect(response.statusCode).toBe(401);
      expect(sentPayloads()).toEqual([]);
    });

    it('refuses a search of a type the scopes do not grant with 403 and insufficient_scope, asking no service', async () => {
      const scoped = await signTestToken(key, { issuer: BASE_URL, exp: nowSeconds() + 600, scope: 'user/Patient.r' });
      const response = await get('/fhir/Patient?gender=female', { authorization: `Bearer ${scoped}` });
      expect(response.statusCode).toBe(403);
      expect(response.headers['www-authenticate']).toContain('error="insufficient_scope", ');
      expect(response.headers['www-authenticate']).toContain('scope="user/Patient.s"');
      expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });
      expect(sentPayloads()).toEqual([]);
    });

    it('judges a compartment search by the searched type', async () => {
      const scoped = await signTestToken(key, { issuer: BASE_URL, exp: nowSeconds() + 600, scope: 'user/Patient.rs' });
      const response = await get('/fhir/Patient/p1/Observation', { authorization: `Bearer ${scoped}` });
      expect(response.statusCode).toBe(403);
      expect(sentPayloads()).toEqual([]);
    });

    it("sends the scopes' types and granular constraints as the search's access context", async () => {
      const lab = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
      const scope = `patient/Patient.rs patient/Observation.rs?category=${encodeURIComponent(lab)}`;
      const scoped = await signTestToken(key, {
        issuer: BASE_URL,
        exp: nowSeconds() + 600,
        scope,
        claims: { role: 'provider', patient: 'p1' },
      });
      const response = await get('/fhir/Observation?code=1', { authorization: `Bearer ${scoped}` });
      expect(response.statusCode).toBe(200);
      expect(sentPayloads()).toEqual([
        expect.objectContaining({
          access: {
            resourceTypes: ['Observation', 'Patient'],
            patients: ['p1'],
            constraints: [{ resourceType: 'Observation', params: [['category', lab]] }],
          },
        }),
      ]);
    });

    it("sends a patient-context token's patients as the search's access context", async () => {
      const patientToken = await signTestToken(key, {
        issuer: BASE_URL,
        exp: nowSeconds() + 600,
        claims: { role: 'patient', patient: 'p1' },
      });
      const response = await get('/fhir/Observation?code=1', { authorization: `Bearer ${patientToken}` });
      expect(response.statusCode).toBe(200);
      expect(sentPayloads()).toEqual([expect.objectContaining({ access: { patients: ['p1'] } })]);
    });

    it('sends a compartment search with its compartment, and links to the compartment URL', async () => {
      chartReply = { ...(chartReply as SearchResourcesReply), canonicalParams: [['code', '1']], nextCursor: 'n' };
      const response = await get('/fhir/Patient/p1/Observation?code=1');
      expect(response.statusCode).toBe(200);
      expect(sentPayloads()).toEqual([
        expect.objectContaining({ resourceType: 'Observation', compartment: { resourceType: 'Patient', id: 'p1' } }),
      ]);
      expect(response.json<Bundle>().link).toEqual([
        { relation: 'self', url: `${BASE_URL}/fhir/Patient/p1/Observation?code=1` },
        { relation: 'next', url: `${BASE_URL}/fhir/Patient/p1/Observation?code=1&_cursor=n` },
      ]);
    });
  });

  describe('query string', () => {
    it('forwards the raw parameters in order, repeated ones kept, form-decoded, without _format and _pretty', async () => {
      await get(
        '/fhir/Patient?name=Mary+Ann&_format=json&birthdate=ge1970&birthdate=lt1980&code%3Atext=a%2Cb&_pretty=true',
      );
      expect(sentPayloads()[0].params).toEqual([
        ['name', 'Mary Ann'],
        ['birthdate', 'ge1970'],
        ['birthdate', 'lt1980'],
        ['code:text', 'a,b'],
      ]);
    });

    it('passes the legacy Patient= parameter through for the service to map', async () => {
      await get('/fhir/Device/_search?Patient=1');
      expect(sentPayloads()[0]).toMatchObject({ resourceType: 'Device', params: [['Patient', '1']] });
    });

    it('passes _cursor as the cursor, never as a search parameter', async () => {
      await get('/fhir/Patient?gender=female&_cursor=abc%2B%3D&_count=2');
      expect(sentPayloads()[0]).toMatchObject({
        params: [
          ['gender', 'female'],
          ['_count', '2'],
        ],
        cursor: 'abc+=',
      });
    });

    it('refuses a repeated _cursor and a malformed escape with 400', async () => {
      expect((await get('/fhir/Patient?_cursor=a&_cursor=b')).statusCode).toBe(400);
      expect((await get('/fhir/Patient?name=%E0%A4%A')).statusCode).toBe(400);
      expect(sentPayloads()).toEqual([]);
    });

    it.each([
      [{}, false],
      [{ prefer: 'handling=lenient' }, true],
      [{ prefer: 'return=minimal, handling=lenient' }, true],
      [{ prefer: 'handling=strict' }, false],
    ])('reads the Prefer header %j as lenient: %s', async (headers, lenient) => {
      await get('/fhir/Patient?gender=female', headers);
      expect(sentPayloads()[0].lenient).toBe(lenient);
    });
  });

  describe('Bundle', () => {
    it('wraps the service texts byte for byte, with fullUrls and links on the canonical base', async () => {
      chartReply = { ...(chartReply as SearchResourcesReply), nextCursor: 'next/1' };
      const response = await get('/api/fhir/resource/Patient?gender=female');
      expect(response.body).toContain(`"resource":${P1}`);
      const bundle = response.json<Bundle>();
      expect(bundle.id).toMatch(UUID);
      expect(Date.parse(bundle.meta?.lastUpdated ?? '')).not.toBeNaN();
      expect(bundle.total).toBe(2);
      expect(bundle.entry?.map((entry) => [entry.fullUrl, entry.search?.mode])).toEqual([
        [`${BASE_URL}/fhir/Patient/p1`, 'match'],
        [`${BASE_URL}/fhir/Patient/p2`, 'match'],
      ]);
      expect(bundle.link).toEqual([
        { relation: 'self', url: `${BASE_URL}/fhir/Patient?gender=female` },
        { relation: 'next', url: `${BASE_URL}/fhir/Patient?gender=female&_cursor=next/1` },
      ]);
    });

    it('follows its own next link: the cursor comes back to the service', async () => {
      chartReply = { ...(chartReply as SearchResourcesReply), nextCursor: 'opaque+/=' };
      const next = (await get('/fhir/Patient?gender=female')).json<Bundle>().link?.[1].url ?? '';
      await get(next.slice(BASE_URL.length));
      expect(sentPayloads()[1]).toMatchObject({ params: [['gender', 'female']], cursor: 'opaque+/=' });
    });

    it('reports lenient-mode warnings in an outcome entry', async () => {
      chartReply = {
        ...(chartReply as SearchResourcesReply),
        warnings: ['Unknown search parameter "foo" for Patient'],
      };
      const bundle = (await get('/fhir/Patient?gender=female&foo=1', { prefer: 'handling=lenient' })).json<Bundle>();
      const outcome = bundle.entry?.find((entry) => entry.search?.mode === 'outcome');
      expect(outcome?.resource).toEqual({
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'warning',
            code: 'not-supported',
            details: { text: 'Unknown search parameter "foo" for Patient' },
          },
        ],
      });
      expect(bundle.link?.[0].url).toBe(`${BASE_URL}/fhir/Patient?gender=female`);
    });

    it("passes the service's 400 OperationOutcome through", async () => {
      chartReply = FhirError.badRequest('Unknown search parameter "foo" for Patient');
      const response = await get('/fhir/Patient?foo=1');
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toBe(FHIR_JSON);
      expect(response.json()).toEqual(chartReply.outcome);
    });
  });

  describe('includes', () => {
    const O1 = '{"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/p1"}}';
    const C1 = '{"resourceType":"Coverage","id":"c1","beneficiary":{"reference":"Patient/p1"}}';

    it('adds local and cross-service includes as search.mode=include entries, one request per service and path', async () => {
      clients.handlers[PracticeSubjects.revincludeResources] = () => ({ resources: [C1, P2] });
      chartReply = {
        resources: [P1, P2],
        warnings: [],
        canonicalParams: [],
        included: [O1],
        foreign: {
          include: [],
          revinclude: [{ sourceType: 'Coverage', code: 'beneficiary', targets: ['Patient/p1', 'Patient/p2'] }],
        },
      };
      const response = await get('/fhir/Patient?_revinclude=Coverage:beneficiary&_revinclude=Observation:subject');
      expect(response.statusCode).toBe(200);
      expect(clients.callsTo(PracticeSubjects.revincludeResources).map((call) => call.payload)).toEqual([
        { sourceType: 'Coverage', code: 'beneficiary', targets: ['Patient/p1', 'Patient/p2'], access: {} },
      ]);
      // P2 came back from practice too: a match stays a match, listed once.
      expect(response.json<Bundle>().entry?.map((entry) => [entry.fullUrl, entry.search?.mode])).toEqual([
        [`${BASE_URL}/fhir/Patient/p1`, 'match'],
        [`${BASE_URL}/fhir/Patient/p2`, 'match'],
        [`${BASE_URL}/fhir/Observation/o1`, 'include'],
        [`${BASE_URL}/fhir/Coverage/c1`, 'include'],
      ]);
    });

    it("subsets another service's includes by _summary like the service does its own", async () => {
      const C2 = '{"resourceType":"Coverage","id":"c2","text":{"status":"empty"},"status":"active"}';
      clients.handlers[PracticeSubjects.revincludeResources] = () => ({ resources: [C2] });
      chartReply = {
        resources: [],
        warnings: [],
        canonicalParams: [['_summary', 'data']],
        foreign: {
          include: [],
          revinclude: [{ sourceType: 'Coverage', code: 'beneficiary', targets: ['Patient/p1'] }],
        },
      };
      const response = await get('/fhir/Patient?_summary=data&_revinclude=Coverage:beneficiary');
      expect(response.json<Bundle>().entry?.map((entry) => entry.resource)).toEqual([
        {
          resourceType: 'Coverage',
          id: 'c2',
          status: 'active',
          meta: {
            tag: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
                code: 'SUBSETTED',
                display: 'Resource encoded in summary mode',
              },
            ],
          },
        },
      ]);
    });
  });
});
