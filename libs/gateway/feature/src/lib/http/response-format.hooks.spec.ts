import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthSubjects, ChartSubjects } from '@connector/contracts';
import { configFrom } from '@connector/shared-config';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { generateTestSigningKey, signTestToken } from '../../testing/test-signing-key';
import { createGatewayApp } from '../gateway-app.factory';
import { registerResponseFormatHooks } from './response-format.hooks';
import { xmlBody } from './xml-body.util';

// The XML serializer has its own specs: here a fake stands in for it, so negotiation is what is tested.
jest.mock('./xml-body.util', () => ({ xmlBody: jest.fn() }));
const fakeXml = jest.mocked(xmlBody);

const BASE_URL = 'https://fhir.example.test';
const STORED_PATIENT = '{"resourceType":"Patient","id":"p-1","meta":{"versionId":"3"}}';

describe(registerResponseFormatHooks.name, () => {
  let app: NestFastifyApplication;
  let clients: FakeServiceClients;
  let authorization: string;

  beforeAll(async () => {
    const key = await generateTestSigningKey('key-1');
    authorization = `Bearer ${await signTestToken(key, { issuer: BASE_URL, exp: Math.floor(Date.now() / 1000) + 600 })}`;
    clients = new FakeServiceClients({
      [AuthSubjects.getJwks]: () => ({ keys: [key.publicJwk] }),
      [ChartSubjects.readResource]: () => ({ resource: STORED_PATIENT }),
      [ChartSubjects.searchResources]: () => ({ resources: [STORED_PATIENT], warnings: [], canonicalParams: [] }),
    });
    app = await createGatewayApp(configFrom({ CONNECTOR_BASE_URL: BASE_URL }), clients.asServiceClients());
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(() => {
    fakeXml.mockReset();
    fakeXml.mockImplementation((json, pretty) => `<xml pretty="${pretty}">${json}</xml>`);
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { authorization, ...headers } });

  it('answers FHIR JSON, untouched, when the client states no preference', async () => {
    const response = await get('/fhir/Patient/p-1');
    expect(response.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    expect(response.body).toBe(STORED_PATIENT);
  });

  it('pretty-prints on _pretty=true', async () => {
    const response = await get('/fhir/Patient/p-1?_pretty=true');
    expect(response.body).toBe(JSON.stringify(JSON.parse(STORED_PATIENT), null, 2));
  });

  it('answers a legacy application/json client with that content type', async () => {
    const response = await get('/fhir/Patient/p-1', { accept: 'application/json' });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('writes a read as XML through the seam when Accept asks for it', async () => {
    const response = await get('/fhir/Patient/p-1', { accept: 'application/fhir+xml' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/fhir+xml; charset=utf-8');
    expect(response.body).toBe(`<xml pretty="false">${STORED_PATIENT}</xml>`);
  });

  it('lets _format override Accept, and passes _pretty to the serializer', async () => {
    const response = await get('/fhir/Patient?_format=xml&_pretty=true', { accept: 'application/fhir+json' });
    expect(response.headers['content-type']).toBe('application/fhir+xml; charset=utf-8');
    expect(fakeXml).toHaveBeenCalledTimes(1);
    expect(JSON.parse(fakeXml.mock.calls[0][0])).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(fakeXml.mock.calls[0][1]).toBe(true);
  });

  it('writes the CapabilityStatement and errors in the requested format', async () => {
    const metadata = await app.inject({ method: 'GET', url: '/Fhir/metadata?_format=text/xml' });
    expect(metadata.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(metadata.body).toMatch(/^<xml pretty="false">\{"resourceType":"CapabilityStatement"/);
    const missing = await app.inject({ method: 'GET', url: '/fhir/Patient/p-1?_format=xml' });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['content-type']).toBe('application/fhir+xml; charset=utf-8');
    expect(missing.body).toMatch(/^<xml pretty="false">\{"resourceType":"OperationOutcome"/);
  });

  it('refuses an unsupported format with a JSON 406 before asking any service', async () => {
    clients.calls.length = 0;
    const response = await get('/fhir/Patient/p-1', { accept: 'text/html' });
    expect(response.statusCode).toBe(406);
    expect(response.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-supported' }] });
    expect(clients.calls).toEqual([]);
    expect((await get('/fhir/Patient/p-1?_format=turtle')).statusCode).toBe(406);
    expect((await get('/fhir/Patient/p-1', { accept: 'application/fhir+json; fhirVersion=3.0' })).statusCode).toBe(406);
  });

  it('leaves the SMART discovery document as plain JSON whatever the client accepts', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/fhir/.well-known/smart-configuration',
      headers: { accept: 'application/fhir+xml' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });
});
