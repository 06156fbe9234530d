import { SignJWT } from 'jose';
import { AuthSubjects } from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { configFrom } from '@connector/shared-config';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { generateTestSigningKey, signTestToken, type TestSigningKey } from '../../testing/test-signing-key';
import { AccessTokenError } from './access-token.error';
import { AccessTokenVerifier } from './access-token.verifier';
import { JwksService } from './jwks.service';

const ISSUER = 'https://fhir.example.test';
const T0 = Date.UTC(2030, 0, 1);
const seconds = (ms: number): number => Math.floor(ms / 1000);

describe(AccessTokenVerifier.name, () => {
  let key1: TestSigningKey;
  let key2: TestSigningKey;
  let published: TestSigningKey[];
  let clients: FakeServiceClients;
  let nowMs: number;
  let jwks: JwksService;
  /** What the auth service answers to `tokenStatus`, by jti. */
  let revokedJtis: Set<string>;

  const verifier = (cacheSize = 100): AccessTokenVerifier =>
    new AccessTokenVerifier(
      jwks,
      clients.asServiceClients(),
      configFrom({ CONNECTOR_BASE_URL: ISSUER, TOKEN_CACHE_SIZE: String(cacheSize) }),
      () => nowMs,
    );
  const jwksFetches = (): number => clients.callsTo(AuthSubjects.getJwks).length;
  const statusChecks = (): object[] => clients.callsTo(AuthSubjects.tokenStatus).map((call) => call.payload);
  const problemOf = (promise: Promise<unknown>): Promise<unknown> =>
    promise.then(
      () => 'verified',
      (error: unknown) => (error instanceof AccessTokenError ? error.problem : error),
    );

  beforeAll(async () => {
    [key1, key2] = await Promise.all([generateTestSigningKey('key-1'), generateTestSigningKey('key-2')]);
  });

  beforeEach(() => {
    nowMs = T0;
    published = [key1];
    revokedJtis = new Set();
    clients = new FakeServiceClients({
      [AuthSubjects.getJwks]: () => ({ keys: published.map((key) => key.publicJwk) }),
      [AuthSubjects.tokenStatus]: (payload) => ({
        active: !revokedJtis.has(String((payload as { jti?: string }).jti)),
      }),
    });
    jwks = new JwksService(clients.asServiceClients(), () => nowMs);
  });

  describe('verify', () => {
    it('returns the claims of a valid token', async () => {
      const token = await signTestToken(key1, {
        issuer: ISSUER,
        exp: seconds(T0) + 600,
        subject: 'ann',
        scope: 'user/*.read',
      });
      await expect(verifier().verify(token)).resolves.toMatchObject({ sub: 'ann', scope: 'user/*.read', iss: ISSUER });
    });

    it('serves a verified token from the cache without touching the key set', async () => {
      const subject = verifier();
      const token = await signTestToken(key1, { issuer: ISSUER, exp: seconds(T0) + 600 });
      await subject.verify(token);
      const resolver = jest.spyOn(jwks, 'keyResolver');
      await subject.verify(token);
      expect(resolver).not.toHaveBeenCalled();
    });

    it('never serves a cached token at or after its exp', async () => {
      const subject = verifier();
      const exp = seconds(T0) + 60;
      const token = await signTestToken(key1, { issuer: ISSUER, exp });
      await subject.verify(token);
      nowMs = exp * 1000 - 1;
      await expect(problemOf(subject.verify(token))).resolves.toBe('verified');
      nowMs = exp * 1000;
      await expect(problemOf(subject.verify(token))).resolves.toBe('expired');
    });

    it('evicts the least recently used token beyond the cache size', async () => {
      const subject = verifier(1);
      const [a, b] = await Promise.all([
        signTestToken(key1, { issuer: ISSUER, exp: seconds(T0) + 600, subject: 'a' }),
        signTestToken(key1, { issuer: ISSUER, exp: seconds(T0) + 600, subject: 'b' }),
      ]);
      const resolver = jest.spyOn(jwks, 'keyResolver');
      await subject.verify(a);
      await subject.verify(b);
      await subject.verify(a);
      expect(resolver).toHaveBeenCalledTimes(3);
    });

    it.each([
      ['an expired token', { exp: seconds(T0) - 1 }, 'expired'],
      ['a token from another issuer', { issuer: 'connector' }, 'invalid'],
    ])('refuses %s', async (_name, overrides, problem) => {
      const token = await signTestToken(key1, { issuer: ISSUER, exp: seconds(T0) + 600, ...overrides });
      await expect(problemOf(verifier().verify(token))).resolves.toBe(problem);
    });

    it('refuses a token without exp', async () => {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
        .setIssuer(ISSUER)
        .sign(key1.privateKey);
      await expect(problemOf(verifier().verify(token))).resolves.toBe('invalid');
    });

    it('refuses an HS256 token', async () => {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
        .setIssuer(ISSUER)
        .setExpirationTime(seconds(T0) + 600)
        .sign(new TextEncoder().encode('a-shared-secret-of-enough-length-32b'));
      await expect(problemOf(verifier().verify(token))).resolves.toBe('invalid');
    });

    it.each([
      ['empty', ''],
      ['three junk parts', 'a.b.c'],
      ['only dots', '...'],
      ['unsigned', 'eyJhbGciOiJSUzI1NiJ9.e30.'],
      ['long junk', 'x'.repeat(2000)],
    ])('refuses a garbage token (%s) as invalid', async (_name, token) => {
      await expect(problemOf(verifier().verify(token))).resolves.toBe('invalid');
    });

    it('refetches the key set for an unknown kid after a rotation', async () => {
      const subject = verifier();
      await subject.verify(await signTestToken(key1, { issuer: ISSUER, exp: seconds(T0) + 600 }));
      nowMs += 31_000;
      published = [key1, key2];
      const rotated = await signTestToken(key2, { issuer: ISSUER, exp: seconds(T0) + 600 });
      await expect(problemOf(subject.verify(rotated))).resolves.toBe('verified');
      expect(jwksFetches()).toBe(2);
    });

    it('refetches for unknown kids at most once per 30 seconds', async () => {
      const subject = verifier();
      const unknownKid = async (): Promise<string> =>
        signTestToken(key2, { issuer: ISSUER, exp: seconds(T0) + 3600, subject: String(nowMs) });
      await expect(problemOf(subject.verify(await unknownKid()))).resolves.toBe('invalid');
      nowMs += 10_000;
      await expect(problemOf(subject.verify(await unknownKid()))).resolves.toBe('invalid');
      expect(jwksFetches()).toBe(1);
      nowMs += 21_000;
      await expect(problemOf(subject.verify(await unknownKid()))).resolves.toBe('invalid');
      expect(jwksFetches()).toBe(2);
    });

    describe('revocation (token status)', () => {
      const revocable = (jti: string, claims: Record<string, unknown> = {}) =>
        signTestToken(key1, { issuer: ISSUER, exp: seconds(T0) + 3600, claims: { jti, ...claims } });

      it('asks the auth service once whether a token with a jti and a grant still stands, then trusts the cache', async () => {
        const subject = verifier();
        const token = await revocable('jti-1', { grant: 'grant-1' });

        await expect(problemOf(subject.verify(token))).resolves.toBe('verified');
        await expect(problemOf(subject.verify(token))).resolves.toBe('verified');

        expect(statusChecks()).toEqual([{ jti: 'jti-1', grant: 'grant-1' }]);
      });

      it('refuses a revoked token as invalid, and does not cache the refusal', async () => {
        const subject = verifier();
        const token = await revocable('jti-revoked');
        revokedJtis.add('jti-revoked');

        await expect(problemOf(subject.verify(token))).resolves.toBe('invalid');
        await expect(problemOf(subject.verify(token))).resolves.toBe('invalid');
        expect(statusChecks()).toHaveLength(2);
      });

      it('stops accepting a token revoked after it was cached within 60 seconds', async () => {
        const subject = verifier();
        const token = await revocable('jti-later');
        await subject.verify(token);
        revokedJtis.add('jti-later');

        nowMs = T0 + 59_999;
        await expect(problemOf(subject.verify(token))).resolves.toBe('verified');
        nowMs = T0 + 60_000;
        await expect(problemOf(subject.verify(token))).resolves.toBe('invalid');
      });

      it('does not ask about a token that names neither a jti nor a grant', async () => {
        await verifier().verify(await signTestToken(key1, { issuer: ISSUER, exp: seconds(T0) + 600 }));

        expect(statusChecks()).toEqual([]);
      });

      it('fails with the transport error, not 401, when the status cannot be asked', async () => {
        delete clients.handlers[AuthSubjects.tokenStatus];

        const outcome = await problemOf(verifier().verify(await revocable('jti-down')));

        expect(outcome).toBeInstanceOf(FhirError);
        expect((outcome as FhirError).status).toBe(503);
      });
    });

    it('fails with the transport error, not 401, when the keys cannot be fetched', async () => {
      delete clients.handlers[AuthSubjects.getJwks];
      const token = await signTestToken(key1, { issuer: ISSUER, exp: seconds(T0) + 600 });
      const outcome = await problemOf(verifier().verify(token));
      expect(outcome).toBeInstanceOf(FhirError);
      expect((outcome as FhirError).status).toBe(503);
    });
  });
});
