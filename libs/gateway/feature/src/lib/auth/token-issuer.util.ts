import type { ConnectorConfig } from '@connector/shared-config';

/** The `iss` of every access token: the public base URL, or `connector` when none is configured. */
export function accessTokenIssuer(config: ConnectorConfig): string {
  return config.baseUrl ?? 'connector';
}
