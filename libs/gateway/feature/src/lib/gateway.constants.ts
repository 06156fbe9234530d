import { NON_RESOURCE_SCOPES } from '@connector/smart-scopes';

/** What the CapabilityStatement calls this server. */
export const CONNECTOR_SOFTWARE_NAME = 'Connector';

/** Release version advertised in the CapabilityStatement; bump together with package.json. */
export const CONNECTOR_VERSION = '0.1.0';

/** FHIR base paths: `/fhir` is canonical; the others are aliases that existing clients are configured with. */
export const FHIR_BASE_PATHS = ['/fhir', '/Fhir', '/api/fhir/resource'] as const;

export const FHIR_JSON_CONTENT_TYPE = 'application/fhir+json; charset=utf-8';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The gateway only ever receives small form posts (the token endpoint): anything larger is refused early. */
export const REQUEST_BODY_LIMIT_BYTES = 64 * 1024;

/** How long the published JWKS is served from memory before asking the auth service again. */
export const JWKS_CACHE_MS = 5 * 60 * 1000;

/** A token naming an unknown `kid` may trigger a JWKS refetch at most this often (key rotation, not a DoS lever). */
export const JWKS_REFETCH_THROTTLE_MS = 30 * 1000;

/**
 * The longest a verified access token is served from memory before the auth service is asked again whether it still
 * stands: a revoked token (RFC 7009) stops working within this time.
 */
export const VERIFIED_TOKEN_MAX_AGE_MS = 60 * 1000;

/** Readiness must answer quickly even when a service hangs; never longer than the configured service timeout. */
export const HEALTH_CHECK_TIMEOUT_MS = 2000;

/** Per-base-URL documents (metadata, SMART configuration): the Host header is client-controlled, so bound them. */
export const BASE_URL_CACHE_SIZE = 32;

/** Example scopes advertised in discovery: any v1 or v2 resource scope (incl. granular ones) is understood. */
export const SMART_SCOPES_SUPPORTED = [
  ...NON_RESOURCE_SCOPES,
  'patient/*.rs',
  'user/*.rs',
  'system/*.rs',
  'patient/*.read',
  'user/*.read',
  'system/*.read',
] as const;
