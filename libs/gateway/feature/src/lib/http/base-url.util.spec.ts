import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CapabilityStatement } from 'fhir/r4';
import { configFrom } from '@connector/shared-config';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { createGatewayApp } from '../gateway-app.factory';
import { publicOrigin } from './base-url.util';

const FORWARDED = { host: 'internal:8080', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'fhir.example.org' };

describe(publicOrigin.name, () => {
  const apps: NestFastifyApplication[] = [];

  async function implementationUrl(env: Record<string, string | undefined>, url: string): Promise<string | undefined> {
    const app = await createGatewayApp(configFrom(env), new FakeServiceClients().asServiceClients());
    apps.push(app);
    const response = await app.inject({ method: 'GET', url, headers: FORWARDED });
    return response.json<CapabilityStatement>().implementation?.url;
  }

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  it('ignores X-Forwarded-* by default', async () => {
    expect(await implementationUrl({ CONNECTOR_BASE_URL: undefined, TRUST_PROXY: undefined }, '/fhir/metadata')).toBe(
      'http://internal:8080/fhir',
    );
  });

  it('builds the origin from X-Forwarded-Proto and X-Forwarded-Host when TRUST_PROXY is on', async () => {
    expect(
      await implementationUrl({ CONNECTOR_BASE_URL: undefined, TRUST_PROXY: 'true' }, '/api/fhir/resource/metadata'),
    ).toBe('https://fhir.example.org/api/fhir/resource');
  });

  it('prefers CONNECTOR_BASE_URL over anything the request says', async () => {
    expect(
      await implementationUrl(
        { CONNECTOR_BASE_URL: 'https://public.example.org/', TRUST_PROXY: 'true' },
        '/fhir/metadata',
      ),
    ).toBe('https://public.example.org/fhir');
  });
});
