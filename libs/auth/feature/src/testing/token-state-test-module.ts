import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthDataAccessModule, authDatabase } from '@connector/auth-data-access';
import { CONNECTOR_CONFIG, configFrom } from '@connector/shared-config';
import { ServiceDatabaseModule } from '@connector/shared-database';
import { AuditTrailService } from '../lib/audit/audit-trail.service';
import { AUTH_CLOCK } from '../lib/auth-clock';
import { ClientAdminService } from '../lib/clients/client-admin.service';
import { ClientAssertionVerifier } from '../lib/clients/client-assertion.verifier';
import { TokenRequestEndpoint } from '../lib/clients/token-request-endpoint.service';
import { ClientAuthenticatorService } from '../lib/clients/client-authenticator.service';
import { IssuedTokenService } from '../lib/introspection/issued-token.service';
import { TokenIntrospectionService } from '../lib/introspection/token-introspection.service';
import { SigningKeyService } from '../lib/keys/signing-key.service';
import { TokenRevocationService } from '../lib/revocation/token-revocation.service';
import { TokenStatusService } from '../lib/revocation/token-status.service';

/** The issuer (`CONNECTOR_BASE_URL`) the token-state specs run with. */
export const TOKEN_STATE_ISSUER = 'https://fhir.example.org/r4';

/** The RFC 6749 §5.1 headers every answer of these endpoints carries. */
export const NO_STORE_HEADERS = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** RFC 7617 Basic credentials for ids and secrets that need no form-encoding. */
export function basicHeader(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
}

export function tokenStateDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'auth-token-state-'));
}

/**
 * Just the client authentication, introspection, revocation and token-status services (and the audit trail they
 * write) over a migrated auth database
 * (SQLite in `dataDir`; `overrides` switch to PostgreSQL): they do not depend on how tokens are issued.
 */
export async function startTokenStateModule(
  dataDir: string,
  overrides: Record<string, string> = {},
): Promise<INestApplicationContext> {
  const config = configFrom({
    CONNECTOR_DATA_DIR: dataDir,
    DATABASE_URL: undefined,
    DATABASE_SCHEMA: undefined,
    NATS_URL: undefined,
    CONNECTOR_BASE_URL: TOKEN_STATE_ISSUER,
    ...overrides,
  });
  @Module({
    imports: [ServiceDatabaseModule.forRoot(config, authDatabase()), AuthDataAccessModule],
    providers: [
      { provide: CONNECTOR_CONFIG, useValue: config },
      SigningKeyService,
      ClientAdminService,
      ClientAssertionVerifier,
      ClientAuthenticatorService,
      TokenRequestEndpoint,
      IssuedTokenService,
      TokenIntrospectionService,
      TokenRevocationService,
      TokenStatusService,
      { provide: AUTH_CLOCK, useValue: () => Date.now() },
      AuditTrailService,
    ],
  })
  class TokenStateTestModule {}
  const app = await NestFactory.createApplicationContext(TokenStateTestModule, { logger: ['error'] });
  await app.init();
  return app;
}
