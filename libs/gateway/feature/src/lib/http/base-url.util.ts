import type { FastifyRequest } from 'fastify';
import type { ConnectorConfig } from '@connector/shared-config';

// A host name, IPv4 or bracketed IPv6 literal, with an optional port: anything else in Host is not reflected.
const SAFE_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin clients reach this server at (no trailing slash): the configured public base URL, else the request's
 * own protocol and Host. Fastify reads those from X-Forwarded-Proto / X-Forwarded-Host only when TRUST_PROXY is
 * on (its `trustProxy`, set from the config), so by default a client cannot choose the links it is handed.
 */
export function publicOrigin(config: ConnectorConfig, request: FastifyRequest): string {
  if (config.baseUrl !== undefined) {
    return config.baseUrl;
  }
  const host = request.host;
  const protocol = request.protocol === 'https' ? 'https' : 'http';
  return `${protocol}://${SAFE_HOST.test(host) ? host : 'localhost'}`;
}
