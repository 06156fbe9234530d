import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { SignJWT } from 'jose';
import { GrantEntity, GrantRepository, RefreshTokenRepository } from '@connector/auth-data-access';
import { SigningKeyService } from '../lib/keys/signing-key.service';
import { sha256Hex } from '../lib/secrets/token-hash.util';
import { TOKEN_STATE_ISSUER } from './token-state-test-module';

const HOUR_MS = 3600 * 1000;

/** A grant row as the authorization-code flow stores it, valid for a day unless overridden. */
export async function insertGrant(
  app: INestApplicationContext,
  overrides: Partial<GrantEntity> = {},
): Promise<GrantEntity> {
  const now = Date.now();
  const grant: GrantEntity = Object.assign(new GrantEntity(), {
    id: randomUUID(),
    clientId: 'web-app',
    username: 'demo-patient',
    scopes: ['launch/patient', 'patient/*.read', 'offline_access'],
    patientId: 'pat-1',
    encounterId: null,
    launchType: 'standalone',
    accessType: 'offline',
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 24 * HOUR_MS).toISOString(),
    revokedAt: null,
    ...overrides,
  });
  await app.get(GrantRepository).insert(grant);
  return grant;
}

/** A refresh token of the grant: 32 random bytes base64url, stored by its SHA-256 (as the token endpoint does). */
export async function insertRefreshToken(
  app: INestApplicationContext,
  grantId: string,
  usedAt: string | null = null,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await app
    .get(RefreshTokenRepository)
    .insert({ tokenHash: sha256Hex(token), grantId, createdAt: new Date().toISOString(), usedAt });
  return token;
}

/**
 * An access token signed with the service's own key, in the token endpoint's format: the given claims over
 * iss, sub, client_id, scope, iat, exp (in an hour) and a fresh jti.
 */
export async function signAccessToken(
  app: INestApplicationContext,
  claims: Record<string, unknown> = {},
): Promise<string> {
  const key = await app.get(SigningKeyService).activeKey();
  const iat = Math.floor(Date.now() / 1000);
  const payload = {
    iss: TOKEN_STATE_ISSUER,
    sub: 'demo-patient',
    client_id: 'web-app',
    scope: 'launch/patient patient/*.read',
    role: 'patient',
    iat,
    exp: iat + 3600,
    jti: randomUUID(),
    ...claims,
  };
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid }).sign(key.privateKey);
}
