import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsBooleanString,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every environment variable Connector reads, with its constraints. Nothing else reads process.env. */
export class EnvironmentVariables {
  /** Set → distributed mode (services talk over NATS). Unset → embedded mode (one process). */
  @IsOptional()
  @Matches(/^(nats|tls|wss?):\/\/[^\s]+(,(nats|tls|wss?):\/\/[^\s]+)*$/, {
    message: 'NATS_URL must be one or more comma-separated nats:// URLs',
  })
  NATS_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @IsString()
  CONNECTOR_DATA_DIR?: string;

  /** PostgreSQL connection URL for a service's store (distributed mode). */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** PostgreSQL schema of this service; defaults to the service name. */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier' })
  DATABASE_SCHEMA?: string;

  /** Public base URL of the server (what clients see), e.g. https://fhir.example.org. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  CONNECTOR_BASE_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS?: number;

  /** How long the gateway waits for a service before answering 503. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120000)
  SERVICE_TIMEOUT_MS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000000)
  TOKEN_CACHE_SIZE?: number;

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL?: (typeof LOG_LEVELS)[number];

  /** Embedded mode only: seed demo data and demo accounts into an empty store (default true). */
  @IsOptional()
  @IsBooleanString()
  CONNECTOR_DEMO_DATA?: string;

  /**
   * Behind a reverse proxy that sets them: honour X-Forwarded-Proto / X-Forwarded-Host when building links (only
   * without CONNECTOR_BASE_URL). Off by default: a client could otherwise choose the links the server hands out.
   */
  @IsOptional()
  @IsBooleanString()
  TRUST_PROXY?: string;

  /** Browser origins allowed by CORS: `*` (default, no credentials) or comma-separated http(s) origins. */
  @IsOptional()
  @Matches(/^(\*|https?:\/\/[^\s,/]+(,\s*https?:\/\/[^\s,/]+)*)$/, {
    message: 'CORS_ORIGINS must be * or comma-separated http(s) origins without a path',
  })
  CORS_ORIGINS?: string;

  /** PEM certificate (chain) file: with TLS_KEY the gateway listens on HTTPS. */
  @ValidateIf((vars: EnvironmentVariables) => vars.TLS_KEY !== undefined || vars.TLS_CERT !== undefined)
  @IsDefined({ message: 'TLS_CERT must be set together with TLS_KEY' })
  @IsString()
  TLS_CERT?: string;

  /** PEM private key file of TLS_CERT. */
  @ValidateIf((vars: EnvironmentVariables) => vars.TLS_KEY !== undefined || vars.TLS_CERT !== undefined)
  @IsDefined({ message: 'TLS_KEY must be set together with TLS_CERT' })
  @IsString()
  TLS_KEY?: string;

  /** Failed logins per username within LOGIN_THROTTLE_WINDOW_SECONDS before 429 (default 5). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES_PER_USER?: number;

  /** Failed logins per client IP within LOGIN_THROTTLE_WINDOW_SECONDS before 429 (default 20). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_MAX_FAILURES_PER_IP?: number;

  /** Sliding window in which failed logins are counted (default 300). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_THROTTLE_WINDOW_SECONDS?: number;
}
