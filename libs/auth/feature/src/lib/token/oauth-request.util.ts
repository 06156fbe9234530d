import { Request } from '@node-oauth/oauth2-server';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Client-authentication parameters, removed once the client is authenticated so the library never sees them. */
const CLIENT_CREDENTIAL_PARAMETERS: ReadonlySet<string> = new Set([
  'client_secret',
  'client_assertion',
  'client_assertion_type',
]);

/**
 * The OAuth library's view of a token request whose client is already authenticated: a POST with the grant
 * parameters and the client's id (the library then only looks the client up, it does not authenticate it).
 */
export function toOAuthRequest(form: Readonly<Record<string, string>>, clientId: string): Request {
  const body: Record<string, string> = { ...form, client_id: clientId };
  for (const name of CLIENT_CREDENTIAL_PARAMETERS) {
    delete body[name];
  }
  const headers: Record<string, string> = {
    'content-type': FORM_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(new URLSearchParams(body).toString())),
  };
  return new Request({ method: 'POST', query: {}, headers, body });
}

/** RFC 6749 §3.1: parameters sent without a value are treated as if they were omitted. */
export function presentParameters(form: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const entries = Object.entries(form ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );
  return Object.fromEntries(entries);
}
