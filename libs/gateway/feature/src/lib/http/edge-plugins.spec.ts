import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configFrom } from '@connector/shared-config';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { createGatewayApp } from '../gateway-app.factory';
import { registerEdgePlugins } from './edge-plugins';

const PREFLIGHT_HEADERS = {
  origin: 'https://app.example.org',
  'access-control-request-method': 'GET',
  'access-control-request-headers': 'authorization, if-none-match',
};

describe(registerEdgePlugins.name, () => {
  const apps: NestFastifyApplication[] = [];

  async function appWith(env: Record<string, string | undefined>): Promise<NestFastifyApplication> {
    const app = await createGatewayApp(
      configFrom({ CONNECTOR_BASE_URL: undefined, ...env }),
      new FakeServiceClients().asServiceClients(),
    );
    apps.push(app);
    return app;
  }

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  describe('CORS', () => {
    it('answers a preflight from any origin by default, allowing Authorization, without credentials', async () => {
      const app = await appWith({ CORS_ORIGINS: undefined });
      const response = await app.inject({ method: 'OPTIONS', url: '/fhir/Patient/1', headers: PREFLIGHT_HEADERS });
      expect(response.statusCode).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(String(response.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('exposes the versioning and location headers on answers', async () => {
      const app = await appWith({ CORS_ORIGINS: undefined });
      const response = await app.inject({
        method: 'GET',
        url: '/fhir/metadata',
        headers: { origin: 'https://x.test' },
      });
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(String(response.headers['access-control-expose-headers']).split(/\s*,\s*/)).toEqual(
        expect.arrayContaining(['ETag', 'Location', 'Content-Location']),
      );
    });

    it('allows only the configured origins, with credentials', async () => {
      const app = await appWith({ CORS_ORIGINS: 'https://app.example.org' });
      const allowed = await app.inject({ method: 'OPTIONS', url: '/fhir/Patient', headers: PREFLIGHT_HEADERS });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.org');
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');
      const other = await app.inject({
        method: 'OPTIONS',
        url: '/fhir/Patient',
        headers: { ...PREFLIGHT_HEADERS, origin: 'https://evil.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('compression', () => {
    it.each([
      ['gzip', gunzipSync],
      ['br', brotliDecompressSync],
    ] as const)('compresses a large FHIR answer for a client accepting %s', async (encoding, decompress) => {
      const app = await appWith({});
      const plain = await app.inject({ method: 'GET', url: '/fhir/metadata' });
      const response = await app.inject({
        method: 'GET',
        url: '/fhir/metadata',
        headers: { 'accept-encoding': encoding },
      });
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
      expect(response.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      expect(decompress(response.rawPayload).toString('utf8')).toBe(plain.body);
    });

    it('compresses the formatted body (_pretty), not the service text', async () => {
      const app = await appWith({});
      const pretty = await app.inject({ method: 'GET', url: '/fhir/metadata?_pretty=true' });
      const response = await app.inject({
        method: 'GET',
        url: '/fhir/metadata?_pretty=true',
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(gunzipSync(response.rawPayload).toString('utf8')).toBe(pretty.body);
      expect(pretty.body).toContain('\n  "resourceType": "CapabilityStatement"');
    });

    it('sends the body as is to a client that does not accept compression', async () => {
      const app = await appWith({});
      const response = await app.inject({ method: 'GET', url: '/fhir/metadata' });
      expect(response.headers['content-encoding']).toBeUndefined();
    });
  });

  describe('security headers', () => {
    it.each(['/fhir/metadata', '/health/live', '/nowhere', '/fhir/Patient/1'])(
      'sends nosniff on %s, and no HSTS over HTTP',
      async (url) => {
        const app = await appWith({});
        const response = await app.inject({ method: 'GET', url });
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['strict-transport-security']).toBeUndefined();
      },
    );
  });
});
