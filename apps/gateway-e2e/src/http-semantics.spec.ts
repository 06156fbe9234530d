import type { Bundle, OperationOutcome } from 'fhir/r4';
import type request from 'supertest';
import {
  ChartSubjects,
  ImportResourcesReply,
  ImportResourcesRequest,
  type ResourceToImport,
} from '@connector/contracts';
import { DEMO_ACCOUNTS, type EmbeddedServer } from '@connector/embedded';
import { generateDemoBundle } from '@connector/fhir-demo-data';
import { xmlToJson } from '@connector/fhir-serializers';
import { expectedResources, withoutServerMeta } from './support/expected-resources';
import { embeddedE2eConfig, type Http, startEmbeddedE2e, stopEmbeddedE2e } from './support/embedded-e2e';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const HOST = 'fhir.e2e.test:8443';

/* Expected values come from the demo bundle the server seeds itself with, read with plain property access. */
const DEMO = expectedResources(generateDemoBundle());
const PATIENTS = DEMO.filter((resource) => resource.type === 'Patient');

/**
 * supertest leaves XML bodies unparsed unless told: collect them as text. At run time the parser gets the Node
 * response stream, which superagent's typings call a Response.
 */
const asText = ((response: NodeJS.ReadableStream, done: (error: Error | null, body: string) => void): void => {
  let text = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => (text += chunk));
  response.on('end', () => done(null, text));
}) as unknown as Parameters<request.Test['parse']>[0];

const httpDate = (instant: string): string => new Date(instant).toUTCString();

describe('HTTP semantics in embedded mode (demo data, SQLite)', () => {
  const { dataDir, config } = embeddedE2eConfig('http', {
    CONNECTOR_BASE_URL: undefined,
    TRUST_PROXY: undefined,
    CORS_ORIGINS: undefined,
  });
  let server: EmbeddedServer;
  let http: Http;
  let providerToken: string;
  let patientToken: string;
  let demoPatientId: string;

  const get = (url: string, token = providerToken) => http.get(url).set('host', HOST).auth(token, { type: 'bearer' });

  async function tokenFor(account: { username: string; password: string }): Promise<string> {
    const response = await http
      .post('/oauth/token')
      .auth(DEMO_ACCOUNTS.client.clientId, DEMO_ACCOUNTS.client.secret)
      .type('form')
      .send({ grant_type: 'password', username: account.username, password: account.password });
    return response.body.access_token as string;
  }

  async function importChart(resources: ResourceToImport[]): Promise<void> {
    const payload = Object.assign(new ImportResourcesRequest(), { source: 'http-semantics-e2e', resources });
    await server.services.clients.get('chart').request(ChartSubjects.importResources, payload, ImportResourcesReply);
  }

  beforeAll(async () => {
    ({ server, http } = await startEmbeddedE2e(config));
    providerToken = await tokenFor(DEMO_ACCOUNTS.provider);
    patientToken = await tokenFor(DEMO_ACCOUNTS.patient);
    demoPatientId = server.demo?.patientId ?? '';
    expect(PATIENTS.map(({ id }) => id)).toContain(demoPatientId);
  });

  afterAll(async () => {
    await stopEmbeddedE2e(server, dataDir);
  });

  describe('content negotiation', () => {
    it('answers FHIR JSON by default, pretty-printed on _pretty=true', async () => {
      const compact = await get(`/fhir/Patient/${demoPatientId}`);
      const pretty = await get(`/fhir/Patient/${demoPatientId}?_format=json&_pretty=true`);
      expect(compact.headers['content-type']).toBe(FHIR_JSON);
      expect(pretty.headers['content-type']).toBe(FHIR_JSON);
      expect(pretty.text).toBe(JSON.stringify(JSON.parse(compact.text), null, 2));
    });

    it('lets _format=json override an Accept asking for XML', async () => {
      const response = await get(`/fhir/Patient/${demoPatientId}?_format=application/fhir%2Bjson`).set(
        'accept',
        'application/fhir+xml',
      );
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe(FHIR_JSON);
    });

    it('accepts fhirVersion=4.0 and refuses another FHIR version with a JSON 406', async () => {
      const r4 = await get('/fhir/metadata').set('accept', 'application/fhir+json; fhirVersion=4.0');
      expect(r4.status).toBe(200);
      const r3 = await get('/fhir/metadata').set('accept', 'application/fhir+json; fhirVersion=3.0');
      expect(r3.status).toBe(406);
      expect(r3.headers['content-type']).toBe(FHIR_JSON);
      expect((r3.body as OperationOutcome).issue[0].code).toBe('not-supported');
    });

    it.each([
      ['Accept: text/html', '/fhir/Patient', { accept: 'text/html' }],
      ['_format=turtle', '/fhir/Patient?_format=turtle', {}],
    ])('refuses %s with a 406 OperationOutcome', async (_case, url, headers) => {
      const response = await get(url).set(headers);
      expect(response.status).toBe(406);
      expect(response.headers['content-type']).toBe(FHIR_JSON);
      expect(response.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-supported' }] });
    });

    it.each([
      ['_format=xml', '?_format=xml', {}],
      ['_format=application/fhir+xml', '?_format=application/fhir%2Bxml', {}],
      ['Accept: application/fhir+xml', '', { accept: 'application/fhir+xml' }],
      ['Accept: text/xml', '', { accept: 'text/xml' }],
    ])('answers a read in FHIR XML for %s, the same resource as the JSON', async (_case, query, headers) => {
      const json = await get(`/fhir/Patient/${demoPatientId}`);
      const xml = await get(`/fhir/Patient/${demoPatientId}${query}`).set(headers).buffer(true).parse(asText);
      expect(xml.status).toBe(200);
      expect(xml.headers['content-type']).toMatch(/^(application\/fhir\+xml|text\/xml); charset=utf-8$/);
      expect(xml.body).toContain('<Patient xmlns="http://hl7.org/fhir">');
      expect(JSON.parse(xmlToJson(xml.body as string))).toEqual(JSON.parse(json.text));
    });

    it('answers searchsets, the CapabilityStatement and errors in XML too', async () => {
      const bundle = await get('/fhir/Patient?_count=2&_format=xml').buffer(true).parse(asText);
      expect(bundle.status).toBe(200);
      expect((JSON.parse(xmlToJson(bundle.body as string)) as Bundle).entry).toHaveLength(2);
      const metadata = await get('/fhir/metadata?_format=xml').buffer(true).parse(asText);
      expect(metadata.body).toContain('<CapabilityStatement xmlns="http://hl7.org/fhir">');
      const error = await get('/fhir/Patient/does-not-exist?_format=xml').buffer(true).parse(asText);
      expect(error.status).toBe(404);
      const outcome = JSON.parse(xmlToJson(error.body as string)) as OperationOutcome;
      expect(outcome.issue[0].details?.text).toBe('Resource Patient/does-not-exist not found');
    });

    it('pretty-prints Bundles and errors too', async () => {
      const bundle = await get('/fhir/Patient?_count=1&_pretty=true');
      expect(bundle.text.startsWith('{\n  "resourceType": "Bundle"')).toBe(true);
      const error = await get('/fhir/Patient/does-not-exist?_pretty=true');
      expect(error.status).toBe(404);
      expect(error.text.startsWith('{\n  "resourceType": "OperationOutcome"')).toBe(true);
    });
  });

  describe('methods', () => {
    it.each(['post', 'put', 'patch', 'delete'] as const)('answers %s with 405 and Allow: GET, HEAD', async (method) => {
      const response = await http[method](`/fhir/Patient/${demoPatientId}`)
        .auth(providerToken, { type: 'bearer' })
        .set('content-type', 'application/fhir+json')
        .send('{"resourceType":"Patient"}');
      expect(response.status).toBe(405);
      expect(response.headers['allow']).toBe('GET, HEAD');
      expect(response.body).toMatchObject({ resourceType: 'OperationOutcome' });
    });

    it.each([() => `/fhir/Patient/${demoPatientId}`, () => '/fhir/Patient?gender=female', () => '/fhir/metadata'])(
      'answers HEAD like GET, without a body (%#)',
      async (url) => {
        const got = await get(url());
        const head = await http.head(url()).set('host', HOST).auth(providerToken, { type: 'bearer' });
        expect(head.status).toBe(200);
        expect(head.headers['content-type']).toBe(got.headers['content-type']);
        expect(head.headers['etag']).toBe(got.headers['etag']);
        expect(head.text ?? '').toBe('');
      },
    );

    it('answers an unknown path with a 404 OperationOutcome', async () => {
      const response = await get('/fhir/Patient/1/_history/1/extra');
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
    });
  });

  describe('versioning', () => {
    const demoPatient = (): ResourceToImport => {
      const { resource } = PATIENTS.find(({ id }) => id === demoPatientId) ?? { resource: {} };
      return resource as ResourceToImport;
    };

    it('sends ETag and Last-Modified from meta on reads, and 304 for a current copy', async () => {
      const response = await get(`/fhir/Patient/${demoPatientId}`);
      const meta = (response.body as { meta: { versionId: string; lastUpdated: string } }).meta;
      expect(response.headers['etag']).toBe(`W/"${meta.versionId}"`);
      expect(response.headers['last-modified']).toBe(httpDate(meta.lastUpdated));
      const byTag = await get(`/fhir/Patient/${demoPatientId}`).set('if-none-match', `W/"${meta.versionId}"`);
      expect(byTag.status).toBe(304);
      const byDate = await get(`/fhir/Patient/${demoPatientId}`).set('if-modified-since', httpDate(meta.lastUpdated));
      expect(byDate.status).toBe(304);
      const older = new Date(Date.parse(meta.lastUpdated) - 60_000).toUTCString();
      expect((await get(`/fhir/Patient/${demoPatientId}`).set('if-modified-since', older)).status).toBe(200);
    });

    describe('after an update', () => {
      const original = (): ResourceToImport => demoPatient();
      const updated = (): ResourceToImport => ({ ...demoPatient(), active: false, gender: 'other' });

      beforeAll(async () => {
        await importChart([updated()]);
      });

      it('reads the new version, with the new ETag', async () => {
        const response = await get(`/fhir/Patient/${demoPatientId}`);
        expect(response.headers['etag']).toBe('W/"2"');
        expect(withoutServerMeta(response.body as Record<string, unknown>)).toEqual(updated());
      });

      it('reads each version under _history/[vid]', async () => {
        const first = await get(`/fhir/Patient/${demoPatientId}/_history/1`);
        expect(first.status).toBe(200);
        expect(first.headers['etag']).toBe('W/"1"');
        expect(withoutServerMeta(first.body as Record<string, unknown>)).toEqual(original());
        expect((await get(`/fhir/Patient/${demoPatientId}/_history/3`)).status).toBe(404);
      });

      it('lists the history newest first, as a history Bundle with request and response per entry', async () => {
        const response = await get(`/api/fhir/resource/Patient/${demoPatientId}/_history`);
        expect(response.status).toBe(200);
        const bundle = response.body as Bundle;
        const fullUrl = `http://${HOST}/fhir/Patient/${demoPatientId}`;
        expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'history', total: 2 });
        expect(bundle.link).toEqual([{ relation: 'self', url: `${fullUrl}/_history` }]);
        const entries = bundle.entry ?? [];
        expect(entries.map((entry) => entry.resource?.meta?.versionId)).toEqual(['2', '1']);
        expect(entries.map((entry) => entry.fullUrl)).toEqual([fullUrl, fullUrl]);
        expect(entries.map((entry) => entry.request)).toEqual([
          { method: 'PUT', url: `Patient/${demoPatientId}` },
          { method: 'POST', url: 'Patient' },
        ]);
        expect(entries.map((entry) => [entry.response?.status, entry.response?.etag])).toEqual([
          ['200 OK', 'W/"2"'],
          ['201 Created', 'W/"1"'],
        ]);
        expect(withoutServerMeta(entries[1].resource as unknown as Record<string, unknown>)).toEqual(original());
      });

      it("shows a patient its own history and hides another patient's as a 404", async () => {
        const other = PATIENTS.find(({ id }) => id !== demoPatientId);
        expect(other).toBeDefined();
        expect((await get(`/fhir/Patient/${demoPatientId}/_history`, patientToken)).status).toBe(200);
        expect((await get(`/fhir/Patient/${other?.id ?? ''}/_history`, patientToken)).status).toBe(404);
        expect((await get(`/fhir/Patient/${other?.id ?? ''}/_history/1`, patientToken)).status).toBe(404);
      });

      it('still routes compartment searches', async () => {
        const response = await get(`/fhir/Patient/${demoPatientId}/Observation?_count=1`);
        expect(response.status).toBe(200);
        expect((response.body as Bundle).type).toBe('searchset');
      });
    });
  });

  describe('links', () => {
    it('builds links from the request Host on the canonical base, whichever alias was asked', async () => {
      const response = await get('/Fhir/Patient?_count=1');
      const bundle = response.body as Bundle;
      expect(bundle.link?.[0].url.startsWith(`http://${HOST}/fhir/Patient?`)).toBe(true);
      expect(bundle.entry?.[0].fullUrl?.startsWith(`http://${HOST}/fhir/Patient/`)).toBe(true);
    });

    it('ignores X-Forwarded-* while TRUST_PROXY is off', async () => {
      const response = await get('/fhir/Patient?_count=1')
        .set('x-forwarded-host', 'attacker.example')
        .set('x-forwarded-proto', 'https');
      expect((response.body as Bundle).link?.[0].url.startsWith(`http://${HOST}/fhir/`)).toBe(true);
    });
  });

  describe('edge', () => {
    it('answers a CORS preflight allowing Authorization from any origin', async () => {
      const response = await http
        .options('/fhir/Patient')
        .set('origin', 'https://app.example.org')
        .set('access-control-request-method', 'GET')
        .set('access-control-request-headers', 'authorization');
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(String(response.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
    });

    it('compresses a searchset for a gzip client, and sends nosniff', async () => {
      const plain = await get('/fhir/Observation?_count=50');
      const gzipped = await get('/fhir/Observation?_count=50').set('accept-encoding', 'gzip');
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers['x-content-type-options']).toBe('nosniff');
      // supertest inflates the body: the same Bundle apart from its id and timestamp.
      const strip = (bundle: Bundle) => ({ ...bundle, id: undefined, meta: undefined });
      expect(strip(gzipped.body as Bundle)).toEqual(strip(plain.body as Bundle));
    });

    it('never caches token responses', async () => {
      const response = await http
        .post('/oauth/token')
        .auth(DEMO_ACCOUNTS.client.clientId, DEMO_ACCOUNTS.client.secret)
        .type('form')
        .send({ grant_type: 'password', username: 'nobody', password: 'wrong' });
      expect(response.headers['cache-control']).toBe('no-store');
    });
  });
});
