import type { FastifyRequest } from 'fastify';
import type { ConnectorConfig } from '@connector/shared-config';

// A host name, IPv4 or bracketed IPv6 literal, with an optional port: anything else in Host is not reflected.
const SAFE_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin clients reach this server at (no trailing slash): the configured public base URL, else the
 * request's own protocol and Host (trustProxy is off, so forwarded headers are ignored on purpose).
 */
export function publicOrigin(config: ConnectorConfig, request: FastifyRequest): string {
  if (config.baseUrl !== undefined) {
    return config.baseUrl;
  }
  const host = request.host;
  return `${request.protocol}://${SAFE_HOST.test(host) ? host : 'localhost'}`;
}
