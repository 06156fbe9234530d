import type { ConnectorConfig } from './connector-config';

/**
 * The `iss` of every access and id token: the public base URL, or `connector` when none is configured. The auth
 * service signs with it and the gateway (and introspection) verifies against it, so both read it from here.
 */
export function accessTokenIssuer(config: ConnectorConfig): string {
  return config.baseUrl ?? 'connector';
}
