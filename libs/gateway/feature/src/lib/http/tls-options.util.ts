import { readFileSync } from 'node:fs';
import type { SecureServerOptions } from 'node:http2';
import type { ConnectorConfig } from '@connector/shared-config';

/** The oldest protocol offered: TLS 1.0 and 1.1 are deprecated (RFC 8996). */
export const TLS_MIN_VERSION = 'TLSv1.2';

/**
 * The HTTPS listener's options from TLS_CERT / TLS_KEY, or undefined for plain HTTP. Read once at boot: a missing
 * or unreadable file stops the start, instead of a listener that fails every handshake.
 */
export function tlsOptions(
  config: ConnectorConfig,
): Pick<SecureServerOptions, 'cert' | 'key' | 'minVersion'> | undefined {
  if (config.tls === undefined) {
    return undefined;
  }
  return {
    cert: readFileSync(config.tls.certFile),
    key: readFileSync(config.tls.keyFile),
    minVersion: TLS_MIN_VERSION,
  };
}
