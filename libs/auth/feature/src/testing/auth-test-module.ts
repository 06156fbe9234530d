import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { JSONWebKeySet, JWK } from 'jose';
import type { JwksReply } from '@connector/contracts';
import { configFrom, type ConnectorConfig } from '@connector/shared-config';
import { AuthServiceModule } from '../lib/auth-service.module';

/** Settings every auth spec runs with: values the assertions can name without asking the code. */
export const TEST_BASE_URL = 'https://fhir.example.org/r4';
export const TEST_TOKEN_TTL_SECONDS = 900;

/** A fresh, empty data directory for one spec's SQLite files. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'auth-feature-'));
}

/** SQLite configuration over the given data directory; `overrides` switch it to PostgreSQL. */
export function testConfig(dataDir: string, overrides: Record<string, string> = {}): ConnectorConfig {
  return configFrom({
    CONNECTOR_DATA_DIR: dataDir,
    DATABASE_URL: undefined,
    DATABASE_SCHEMA: undefined,
    NATS_URL: undefined,
    CONNECTOR_BASE_URL: TEST_BASE_URL,
    ACCESS_TOKEN_TTL_SECONDS: String(TEST_TOKEN_TTL_SECONDS),
    ...overrides,
  });
}

/**
 * The auth service module, started (migrations run, signing key ready) over the given data directory. A plain Nest
 * application context: `@nestjs/testing` is not installed, and nothing here needs its overrides.
 */
export async function startAuthModule(
  dataDir: string,
  overrides: Record<string, string> = {},
): Promise<INestApplicationContext> {
  const config = testConfig(dataDir, overrides);
  const app = await NestFactory.createApplicationContext(AuthServiceModule.forRoot(config), { logger: ['error'] });
  await app.init();
  return app;
}

/** The JWKS reply in the shape jose's verifiers take (the contract types keys loosely; jose checks them itself). */
export function keySetOf(reply: JwksReply): JSONWebKeySet {
  return { keys: reply.keys as unknown as JWK[] };
}
