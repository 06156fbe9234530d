import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { AuthSubjects } from '@connector/contracts';
import { runCli } from '../cli.program';
import { fakeCli } from '../testing/fake-cli';
import { registerClientsCommand } from './clients.command';

const argv = (...args: string[]) => ['node', 'connector', ...args];
const BACKEND = [
  'clients',
  'add',
  '--client-id',
  'backend',
  '--scope',
  'system/*.read',
  '--grant',
  'client_credentials',
];

describe(registerClientsCommand.name, () => {
  let dir: string;
  let publicJwk: JWK;
  let privateJwk: JWK;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'connector-cli-clients-'));
    const { publicKey, privateKey } = await generateKeyPair('RS384', { extractable: true });
    publicJwk = { ...(await exportJWK(publicKey)), kid: 'backend-1', alg: 'RS384' };
    privateJwk = { ...(await exportJWK(privateKey)), kid: 'backend-1', alg: 'RS384' };
    const write = (name: string, content: unknown) =>
      writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    write('public.jwks.json', { keys: [publicJwk] });
    write('private.jwks.json', { keys: [publicJwk, privateJwk] });
    write('secret.jwks.json', { keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' }] });
    write('not-a-set.json', { kty: 'RSA' });
    write('broken.json', '{"keys": [');
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('clients add', () => {
    it('registers a private_key_jwt backend client with the public key set read from --jwks-file', async () => {
      const cli = fakeCli(dir, () => ({ clientId: 'backend' }));

      const code = await runCli(argv(...BACKEND, '--jwks-file', 'public.jwks.json'), cli.deps);

      expect(code).toBe(0);
      expect(cli.sent).toEqual([
        {
          service: 'auth',
          subject: AuthSubjects.createClient,
          payload: {
            clientId: 'backend',
            scopes: ['system/*.read'],
            grantTypes: ['client_credentials'],
            jwks: expect.any(String),
          },
        },
      ]);
      expect(JSON.parse(String(cli.sent[0].payload['jwks']))).toEqual({ keys: [publicJwk] });
      expect(cli.output.lines).toEqual([
        'Created confidential (private_key_jwt) client backend (grants: client_credentials; scopes: system/*.read)',
      ]);
    });

    it('registers a client that publishes its keys at --jwks-uri', async () => {
      const cli = fakeCli(dir, () => ({ clientId: 'backend' }));

      const code = await runCli(argv(...BACKEND, '--jwks-uri', 'https://backend.example.org/jwks.json'), cli.deps);

      expect(code).toBe(0);
      expect(cli.sent[0].payload).toMatchObject({ jwksUri: 'https://backend.example.org/jwks.json' });
      expect(cli.sent[0].payload).not.toHaveProperty('jwks');
    });

    it('sends redirect URIs and launch types of a SMART app', async () => {
      const cli = fakeCli(dir, () => ({ clientId: 'growth-chart' }));

      const code = await runCli(
        argv(
          'clients',
          'add',
          '--client-id',
          'growth-chart',
          '--scope',
          'launch launch/patient patient/*.rs openid fhirUser',
          '--grant',
          'authorization_code',
          'refresh_token',
          '--redirect-uri',
          'https://app.example.org/callback',
          'http://localhost:9000/redirect',
          '--launch-type',
          'ehr',
          'standalone',
        ),
        cli.deps,
      );

      expect(code).toBe(0);
      expect(cli.sent[0].payload).toEqual({
        clientId: 'growth-chart',
        scopes: ['launch', 'launch/patient', 'patient/*.rs', 'openid', 'fhirUser'],
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['https://app.example.org/callback', 'http://localhost:9000/redirect'],
        launchTypes: ['ehr', 'standalone'],
      });
      expect(cli.output.lines[0]).toMatch(/^Created public client growth-chart/);
    });

    it('refuses a key set holding a private key, loudly, before contacting any service', async () => {
      const cli = fakeCli(dir);

      const code = await runCli(argv(...BACKEND, '--jwks-file', 'private.jwks.json'), cli.deps);

      expect(code).toBe(1);
      expect(cli.output.errors.join('\n')).toMatch(
        /REFUSED: private\.jwks\.json key 2 \(kid backend-1\) is a private or secret key \(it has "d"\)/,
      );
      expect(cli.lifecycle.opened).toBe(0);
    });

    it.each([
      ['a symmetric key', 'secret.jwks.json', /it has "k"/],
      ['a single JWK instead of a set', 'not-a-set.json', /not a JWK Set/],
      ['invalid JSON', 'broken.json', /not JSON/],
      ['a missing file', 'missing.json', /no such file/],
    ])('refuses %s', async (_label, file, message) => {
      const cli = fakeCli(dir);

      expect(await runCli(argv(...BACKEND, '--jwks-file', file), cli.deps)).toBe(1);
      expect(cli.output.errors.join('\n')).toMatch(message);
      expect(cli.lifecycle.opened).toBe(0);
    });

    it.each([
      [
        'both --jwks-file and --jwks-uri',
        ['--jwks-file', 'public.jwks.json', '--jwks-uri', 'https://a.example/j'],
        /not both/,
      ],
      ['a secret together with keys', ['--secret', 'long-secret', '--jwks-uri', 'https://a.example/j'], /not both/],
      ['client_credentials for a public client', [], /client_credentials grant needs a confidential client/],
    ])('refuses %s', async (_label, extra, message) => {
      const cli = fakeCli(dir);

      expect(await runCli(argv(...BACKEND, ...extra), cli.deps)).toBe(1);
      expect(cli.output.errors.join('\n')).toMatch(message);
      expect(cli.lifecycle.opened).toBe(0);
    });

    it('refuses an unknown launch type', async () => {
      const cli = fakeCli(dir);

      const code = await runCli(
        argv(
          'clients',
          'add',
          '--client-id',
          'x',
          '--scope',
          'launch',
          '--grant',
          'authorization_code',
          '--launch-type',
          'portal',
        ),
        cli.deps,
      );

      expect(code).toBe(1);
      expect(cli.output.errors.join('\n')).toMatch(/Allowed choices are ehr, standalone/);
    });
  });
});
