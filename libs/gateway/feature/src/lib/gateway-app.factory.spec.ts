import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CapabilityStatement } from 'fhir/r4';
import { AuthSubjects } from '@connector/contracts';
import { R4_RESOURCE_TYPES } from '@connector/fhir-types';
import { configFrom } from '@connector/shared-config';
import { FakeServiceClients } from '../testing/fake-service-clients';
import { createGatewayApp } from './gateway-app.factory';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe(createGatewayApp.name, () => {
  let app: NestFastifyApplication;
  let clients: FakeServiceClients;

  beforeAll(async () => {
    clients = new FakeServiceClients({ [AuthSubjects.getJwks]: () => ({ keys: [] }) });
    app = await createGatewayApp(configFrom({ CONNECTOR_BASE_URL: undefined }), clients.asServiceClients());
  });

  afterAll(async () => {
    await app.close();
  });

  describe('request id', () => {
    it('echoes a safe client X-Request-Id', async () => {
      const response = await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'abc-123' } });
      expect(response.headers['x-request-id']).toBe('abc-123');
    });

    it('replaces an unsafe X-Request-Id with a UUID', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/health/live',
        headers: { 'x-request-id': 'a b<script>' },
      });
      expect(response.headers['x-request-id']).toMatch(UUID);
    });

    it('assigns a UUID when the client sent none, also on errors', async () => {
      const response = await app.inject({ method: 'GET', url: '/nowhere' });
      expect(response.statusCode).toBe(404);
      expect(response.headers['x-request-id']).toMatch(UUID);
    });
  });

  describe('GET [base]/metadata', () => {
    it.each(['/fhir', '/Fhir', '/api/fhir/resource'])('answers without a token under %s', async (base) => {
      const response = await app.inject({
        method: 'GET',
        url: `${base}/metadata`,
        headers: { host: 'fhir.test:8080' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(FHIR_JSON);
      const statement = response.json<CapabilityStatement>();
      expect(statement).toMatchObject({
        resourceType: 'CapabilityStatement',
        status: 'active',
        kind: 'instance',
        fhirVersion: '4.0.1',
        format: ['json', 'xml'],
        software: { name: 'Connector' },
        implementation: { url: `http://fhir.test:8080${base}` },
      });
      expect(statement.rest?.[0].mode).toBe('server');
    });

    it('answers HEAD like GET, without a body', async () => {
      const response = await app.inject({ method: 'HEAD', url: '/fhir/metadata' });
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe('');
    });

    it('does not reflect an unsafe Host header into links', async () => {
      const response = await app.inject({ method: 'GET', url: '/fhir/metadata', headers: { host: 'evil.test/"><x' } });
      expect(response.json<CapabilityStatement>().implementation?.url).toBe('http://localhost/fhir');
    });

    it('lists every R4 resource type as readable', async () => {
      const statement = (await app.inject({ method: 'GET', url: '/fhir/metadata' })).json<CapabilityStatement>();
      const resources = statement.rest?.[0].resource ?? [];
      expect(resources.map((resource) => resource.type)).toEqual([...R4_RESOURCE_TYPES]);
      expect(resources.every((resource) => resource.interaction?.[0].code === 'read')).toBe(true);
      expect(
        resources.every((resource) =>
          ['vread', 'history-instance'].every((code) =>
            resource.interaction?.some((interaction) => interaction.code === code),
          ),
        ),
      ).toBe(true);
      expect(resources.find((resource) => resource.type === 'Patient')).toMatchObject({
        versioning: 'versioned',
        readHistory: true,
        conditionalRead: 'full-support',
      });
    });

    it('lists every resource type as searchable by type, with its search parameters and their definitions', async () => {
      const statement = (await app.inject({ method: 'GET', url: '/fhir/metadata' })).json<CapabilityStatement>();
      const resources = statement.rest?.[0].resource ?? [];
      expect(resources.every((resource) => resource.interaction?.some(({ code }) => code === 'search-type'))).toBe(
        true,
      );
      const patient = resources.find((resource) => resource.type === 'Patient');
      // From the R4 SearchParameter registry and US Core 6.1.0, not from the table the builder reads.
      expect(patient?.searchParam).toEqual(
        expect.arrayContaining([
          { name: 'gender', type: 'token', definition: 'http://hl7.org/fhir/SearchParameter/individual-gender' },
          { name: 'birthdate', type: 'date', definition: 'http://hl7.org/fhir/SearchParameter/individual-birthdate' },
          { name: '_id', type: 'token', definition: 'http://hl7.org/fhir/SearchParameter/Resource-id' },
        ]),
      );
    });

    it('declares SMART-on-FHIR security with the OAuth endpoint URLs', async () => {
      const statement = (
        await app.inject({ method: 'GET', url: '/fhir/metadata', headers: { host: 'fhir.test' } })
      ).json<CapabilityStatement>();
      const security = statement.rest?.[0].security;
      expect(security?.service?.[0].coding?.[0]).toEqual({
        system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
        code: 'SMART-on-FHIR',
      });
      expect(security?.extension?.[0]).toEqual({
        url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
        extension: [
          { url: 'authorize', valueUri: 'http://fhir.test/oauth/authorize' },
          { url: 'token', valueUri: 'http://fhir.test/oauth/token' },
          { url: 'introspect', valueUri: 'http://fhir.test/oauth/introspect' },
          { url: 'revoke', valueUri: 'http://fhir.test/oauth/revoke' },
        ],
      });
    });
  });

  describe('GET [base]/.well-known/smart-configuration', () => {
    it('advertises the SMART App Launch endpoints and capabilities, as JSON, without a token', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/fhir/.well-known/smart-configuration',
        headers: { host: 'fhir.test' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const document = response.json();
      expect(document).toMatchObject({
        issuer: 'connector',
        jwks_uri: 'http://fhir.test/.well-known/jwks.json',
        authorization_endpoint: 'http://fhir.test/oauth/authorize',
        token_endpoint: 'http://fhir.test/oauth/token',
        introspection_endpoint: 'http://fhir.test/oauth/introspect',
        revocation_endpoint: 'http://fhir.test/oauth/revoke',
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
      });
      expect(document.grant_types_supported.sort()).toEqual(
        ['authorization_code', 'client_credentials', 'password', 'refresh_token'].sort(),
      );
      // The capabilities issue 5 asks for (https://hl7.org/fhir/smart-app-launch/conformance.html#capabilities).
      expect(document.capabilities).toEqual(
        expect.arrayContaining([
          'launch-ehr',
          'launch-standalone',
          'client-public',
          'client-confidential-symmetric',
          'client-confidential-asymmetric',
          'sso-openid-connect',
          'context-ehr-patient',
          'context-standalone-patient',
          'permission-offline',
          'permission-patient',
          'permission-user',
          'permission-v1',
          'permission-v2',
          'authorize-post',
        ]),
      );
      expect(document.capabilities).not.toContain('context-standalone-encounter');
    });
  });

  describe('unknown paths and methods', () => {
    it.each(['/nowhere', '/fhir', '/fhir/Patient/1/_history/1/x', '/fhir/Patient/1/Observation/_search/x'])(
      'answers GET %s with a 404 OperationOutcome',
      async (url) => {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode).toBe(404);
        expect(response.headers['content-type']).toBe(FHIR_JSON);
        expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
      },
    );

    it.each([
      ['POST', '/fhir/Patient'],
      ['POST', '/fhir'],
      ['PUT', '/fhir/Patient/1'],
      ['PATCH', '/Fhir/Patient/1'],
      ['DELETE', '/api/fhir/resource/Patient/1'],
    ] as const)('answers %s %s with 405 and Allow: GET, HEAD', async (method, url) => {
      const response = await app.inject({
        method,
        url,
        headers: { 'content-type': 'application/fhir+json' },
        payload: '{"resourceType":"Patient"',
      });
      expect(response.statusCode).toBe(405);
      expect(response.headers['allow']).toBe('GET, HEAD');
      expect(response.headers['content-type']).toBe(FHIR_JSON);
      expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-supported' }] });
    });

    it('answers an over-long body with a 413 OperationOutcome', async () => {
      const response = await app.inject({ method: 'POST', url: '/fhir/Patient', payload: 'x'.repeat(70 * 1024) });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'too-long' }] });
    });
  });
});
