import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configFrom } from '@connector/shared-config';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { createGatewayApp } from '../gateway-app.factory';
import { tlsOptions } from './tls-options.util';

interface Answer {
  status: number | undefined;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET over a real TLS socket to the self-signed listener, at most `maxVersion`. */
function getOverTls(port: number, path: string, maxVersion: 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      { host: '127.0.0.1', port, path, rejectUnauthorized: false, maxVersion, minVersion: 'TLSv1' },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

describe(tlsOptions.name, () => {
  let dir: string;
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-tls-'));
    const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const config = configFrom({ CONNECTOR_BASE_URL: undefined, TLS_CERT: cert, TLS_KEY: key });
    app = await createGatewayApp(config, new FakeServiceClients().asServiceClients());
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is undefined without TLS settings', () => {
    expect(tlsOptions(configFrom({ TLS_CERT: undefined, TLS_KEY: undefined }))).toBeUndefined();
  });

  it('reads the PEM files and pins the minimum protocol to TLS 1.2, whatever the runtime default', () => {
    const config = configFrom({ TLS_CERT: join(dir, 'cert.pem'), TLS_KEY: join(dir, 'key.pem') });
    const options = tlsOptions(config);
    expect(options?.minVersion).toBe('TLSv1.2');
    expect(String(options?.cert)).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(String(options?.key)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('fails at boot when a TLS file cannot be read', () => {
    expect(() => tlsOptions(configFrom({ TLS_CERT: join(dir, 'missing.pem'), TLS_KEY: join(dir, 'key.pem') }))).toThrow(
      /ENOENT/,
    );
  });

  it('serves HTTPS with HSTS, and builds https links from the request', async () => {
    const answer = await getOverTls(port, '/fhir/metadata', 'TLSv1.3');
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
    expect((JSON.parse(answer.body) as { implementation: { url: string } }).implementation.url).toBe(
      `https://127.0.0.1:${port}/fhir`,
    );
  });

  it('accepts TLS 1.2', async () => {
    expect((await getOverTls(port, '/health/live', 'TLSv1.2')).status).toBe(200);
  });

  it('refuses TLS 1.1', async () => {
    await expect(getOverTls(port, '/health/live', 'TLSv1.1')).rejects.toThrow();
  });
});
