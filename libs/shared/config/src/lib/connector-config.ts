import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvironmentVariables, type LOG_LEVELS } from './environment-variables';

export type TransportMode = 'embedded' | 'distributed';

/** The validated, typed configuration of one process. */
export interface ConnectorConfig {
  readonly mode: TransportMode;
  readonly natsUrl: string | undefined;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly databaseSchema: string | undefined;
  readonly baseUrl: string | undefined;
  readonly accessTokenTtlSeconds: number;
  readonly serviceTimeoutMs: number;
  readonly tokenCacheSize: number;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly demoData: boolean;
  /** Whether links may be built from X-Forwarded-Proto / X-Forwarded-Host (only without baseUrl). */
  readonly trustProxy: boolean;
  /** CORS allowed origins; `'*'` allows any origin, without credentials. */
  readonly corsOrigins: '*' | readonly string[];
  /** PEM certificate and key files: set → the gateway listens on HTTPS. */
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  /** Failed logins of one username within the throttle window before further attempts get 429. */
  readonly loginMaxFailuresPerUser: number;
  /** Failed logins from one client IP within the throttle window before further attempts get 429. */
  readonly loginMaxFailuresPerIp: number;
  /** Length of the sliding window in which failed logins are counted. */
  readonly loginThrottleWindowSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates an environment once and returns the typed configuration; throws a {@link ConfigError} listing every
 * bad variable at once, so a misconfigured deployment fails at boot with the whole list.
 */
export function parseConfig(env: Record<string, string | undefined>): ConnectorConfig {
  const vars = plainToInstance(EnvironmentVariables, withoutEmptyValues(env));
  const problems = validateSync(vars, { whitelist: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`),
  );
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  const mode: TransportMode = vars.NATS_URL ? 'distributed' : 'embedded';
  return Object.freeze({
    mode,
    natsUrl: vars.NATS_URL,
    host: vars.HOST ?? '0.0.0.0',
    port: vars.PORT ?? 8080,
    dataDir: resolve(vars.CONNECTOR_DATA_DIR ?? './data'),
    databaseUrl: vars.DATABASE_URL,
    databaseSchema: vars.DATABASE_SCHEMA,
    baseUrl: vars.CONNECTOR_BASE_URL?.replace(/\/+$/, ''),
    accessTokenTtlSeconds: vars.ACCESS_TOKEN_TTL_SECONDS ?? 3600,
    serviceTimeoutMs: vars.SERVICE_TIMEOUT_MS ?? 5000,
    tokenCacheSize: vars.TOKEN_CACHE_SIZE ?? 10000,
    logLevel: vars.LOG_LEVEL ?? 'info',
    demoData: mode === 'embedded' && (vars.CONNECTOR_DEMO_DATA ?? 'true') === 'true',
    trustProxy: vars.TRUST_PROXY === 'true',
    corsOrigins: corsOrigins(vars.CORS_ORIGINS),
    tls:
      vars.TLS_CERT && vars.TLS_KEY ? { certFile: resolve(vars.TLS_CERT), keyFile: resolve(vars.TLS_KEY) } : undefined,
    loginMaxFailuresPerUser: vars.LOGIN_MAX_FAILURES_PER_USER ?? 5,
    loginMaxFailuresPerIp: vars.LOGIN_MAX_FAILURES_PER_IP ?? 20,
    loginThrottleWindowSeconds: vars.LOGIN_THROTTLE_WINDOW_SECONDS ?? 300,
  });
}

let cached: ConnectorConfig | undefined;

/** The configuration of this process, read from process.env on first use and cached. */
export function loadConfig(): ConnectorConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Overrides for tests and embedded composition: the same validation, a different source. */
export function configFrom(overrides: Record<string, string | undefined>): ConnectorConfig {
  return parseConfig({ ...process.env, ...overrides });
}

function corsOrigins(value: string | undefined): '*' | readonly string[] {
  if (value === undefined || value === '*') {
    return '*';
  }
  return Object.freeze(value.split(',').map((origin) => origin.trim()));
}

function withoutEmptyValues(env: Record<string, string | undefined>): Record<string, string> {
  const entries = Object.entries(env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
  );
  return Object.fromEntries(entries);
}
