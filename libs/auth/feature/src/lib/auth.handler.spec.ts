import { rmSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { compare } from 'bcryptjs';
import { calculateJwkThumbprint, createLocalJWKSet, jwtVerify } from 'jose';
import { DataSource } from 'typeorm';
import { ClientRepository, UserRepository } from '@connector/auth-data-access';
import { FhirError } from '@connector/fhir-outcomes';
import { PATIENT_USER, PROVIDER_USER, PUBLIC_CLIENT, WEB_CLIENT } from '../testing/auth-seed';
import { keySetOf, startAuthModule, tempDataDir, TEST_BASE_URL } from '../testing/auth-test-module';
import { AuthHandler } from './auth.handler';

const WEB_BASIC = `Basic ${Buffer.from('web-app:web-app-secret').toString('base64')}`;

/** The members of an RSA private JWK (RFC 7518 §6.3.2): none may appear in a published key set. */
const RSA_PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe(AuthHandler.name, () => {
  let dataDir: string;
  let app: INestApplicationContext;
  let handler: AuthHandler;

  beforeEach(async () => {
    dataDir = tempDataDir();
    app = await startAuthModule(dataDir);
    handler = app.get(AuthHandler);
  });

  afterEach(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('getJwks', () => {
    it('publishes one RS256 signature key, identified by its RFC 7638 thumbprint, without private members', async () => {
      const { keys } = await handler.getJwks();

      expect(keys).toHaveLength(1);
      const [key] = keys;
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
      expect(Buffer.from(String(key['n']), 'base64url')).toHaveLength(2048 / 8);
      expect(key['kid']).toBe(await calculateJwkThumbprint({ kty: 'RSA', n: String(key['n']), e: String(key['e']) }));
      for (const member of RSA_PRIVATE_MEMBERS) {
        expect(key).not.toHaveProperty(member);
      }
    });

    it('keeps the same key when the service restarts on the same data directory', async () => {
      await handler.createClient(WEB_CLIENT);
      await handler.createUser(PROVIDER_USER);
      const before = keySetOf(await handler.getJwks());
      const form = { grant_type: 'password', username: PROVIDER_USER.username, password: PROVIDER_USER.password };
      const issuedBefore = await handler.issueToken({ form, authorization: WEB_BASIC });

      await app.close();
      app = await startAuthModule(dataDir);
      handler = app.get(AuthHandler);
      const after = keySetOf(await handler.getJwks());
      const issuedAfter = await handler.issueToken({ form, authorization: WEB_BASIC });

      expect(after).toEqual(before);
      // A token from before the restart still verifies, and a new one verifies with the old key set.
      for (const reply of [issuedBefore, issuedAfter]) {
        const { protectedHeader } = await jwtVerify(String(reply.body['access_token']), createLocalJWKSet(before), {
          issuer: TEST_BASE_URL,
        });
        expect(protectedHeader.kid).toBe(before.keys[0].kid);
      }
    });

    it('uses a different key in a different data directory', async () => {
      const otherDir = tempDataDir();
      const other = await startAuthModule(otherDir);
      try {
        const ours = await handler.getJwks();
        const theirs = await other.get(AuthHandler).getJwks();

        expect(theirs.keys[0]['kid']).not.toBe(ours.keys[0]['kid']);
      } finally {
        await other.close();
        rmSync(otherDir, { recursive: true, force: true });
      }
    });
  });

  describe('issueToken', () => {
    it('issues a token through the handler', async () => {
      await handler.createClient(WEB_CLIENT);
      await handler.createUser(PATIENT_USER);
      const form = { grant_type: 'password', username: PATIENT_USER.username, password: PATIENT_USER.password };

      const reply = await handler.issueToken({ form, authorization: WEB_BASIC });

      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ token_type: 'Bearer', patient: 'pat-1' });
    });
  });

  describe('createUser', () => {
    it('answers with the username and role', async () => {
      expect(await handler.createUser(PROVIDER_USER)).toEqual({ username: 'demo-provider', role: 'provider' });
    });

    it('stores the user with a bcrypt hash (cost 10) of the password, never the password', async () => {
      await handler.createUser(PATIENT_USER);

      const stored = await app.get(UserRepository).findByUsername('demo-patient');
      expect(stored).toMatchObject({ role: 'patient', fhirUser: 'Patient/pat-1', patientIds: ['pat-1'] });
      const passwordHash = stored?.passwordHash ?? '';
      expect(passwordHash).not.toBe(PATIENT_USER.password);
      expect(passwordHash).toMatch(/^\$2[aby]\$10\$/);
      expect(await compare(PATIENT_USER.password, passwordHash)).toBe(true);
      expect(await compare('another-password', passwordHash)).toBe(false);
    });

    it('rejects an existing username with 409 duplicate and keeps the first user', async () => {
      await handler.createUser(PROVIDER_USER);

      const error = await rejection(
        handler.createUser({ ...PROVIDER_USER, password: 'other-password', role: 'staff' }),
      );

      expect(error).toBeInstanceOf(FhirError);
      expect((error as FhirError).status).toBe(409);
      expect((error as FhirError).outcome.issue).toEqual([
        { severity: 'error', code: 'duplicate', details: { text: 'User demo-provider already exists' } },
      ]);
      expect((await app.get(UserRepository).findByUsername('demo-provider'))?.role).toBe('provider');
    });
  });

  describe('createClient', () => {
    it('stores a confidential client with a bcrypt hash of its secret', async () => {
      expect(await handler.createClient(WEB_CLIENT)).toEqual({ clientId: 'web-app' });

      const stored = await app.get(ClientRepository).findByClientId('web-app');
      expect(stored).toMatchObject({ name: 'Web app', scopes: WEB_CLIENT.scopes, grantTypes: ['password'] });
      const secretHash = stored?.secretHash ?? '';
      expect(secretHash).not.toBe(WEB_CLIENT.clientSecret);
      expect(await compare(WEB_CLIENT.clientSecret, secretHash)).toBe(true);
    });

    it('stores a public client without a secret, named after its id', async () => {
      await handler.createClient(PUBLIC_CLIENT);

      const stored = await app.get(ClientRepository).findByClientId('public-app');
      expect(stored).toMatchObject({ secretHash: null, name: 'public-app' });
    });

    it('rejects an existing client id with 409 duplicate', async () => {
      await handler.createClient(WEB_CLIENT);

      const error = await rejection(handler.createClient({ ...WEB_CLIENT, clientSecret: 'another-secret' }));

      expect((error as FhirError).status).toBe(409);
      expect((error as FhirError).outcome.issue[0]).toMatchObject({
        code: 'duplicate',
        details: { text: 'Client web-app already exists' },
      });
    });
  });

  describe('health', () => {
    it('reports the database up', async () => {
      expect(await handler.health()).toEqual({ service: 'auth', database: 'up' });
    });

    it('reports the database down when it does not answer', async () => {
      await app.get(DataSource).destroy();

      expect(await handler.health()).toMatchObject({ service: 'auth', database: 'down' });
    });
  });
});
