import { InvalidClientError } from '@node-oauth/oauth2-server';

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

const BASIC_PATTERN = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i;

/**
 * Client credentials from an `Authorization: Basic` header. RFC 6749 §2.3.1 has the client form-urlencode its id
 * and secret before Basic encoding, so they are decoded here (the OAuth library would take them verbatim).
 * Any other scheme, or a malformed header, is a failed client authentication (`invalid_client`).
 */
export function parseBasicCredentials(header: string): ClientCredentials {
  const match = BASIC_PATTERN.exec(header.trim());
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    throw new InvalidClientError('Invalid client: the Authorization header must carry HTTP Basic client credentials');
  }
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw new InvalidClientError('Invalid client: client credentials are not properly form-urlencoded');
  }
}

/** The same credentials as a plain RFC 7617 header, the form the OAuth library reads. */
export function basicAuthorization(credentials: ClientCredentials): string {
  return `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`, 'utf8').toString('base64')}`;
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}
