import { createHash, randomBytes } from 'node:crypto';
import { type KeyLike, SignJWT } from 'jose';
import { hiddenFields, requireForm } from './html-form';

/*
 * The authorization code flow over plain HTTP, as a browser would send it: a cookie jar, forms posted with the
 * hidden `request` and `csrf` fields the pages carry, redirects not followed (the test reads them).
 * See https://www.rfc-editor.org/rfc/rfc6749#section-4.1 and https://hl7.org/fhir/smart-app-launch/app-launch.html
 */

export const AUTHORIZE_PATH = '/oauth/authorize';
export const LOGIN_ACTION = '/oauth/authorize/login';
export const PICKER_ACTION = '/oauth/authorize/patient';
export const CONSENT_ACTION = '/oauth/authorize/consent';

export interface PageResponse {
  readonly status: number;
  /** The Location header, resolved against the request URL; undefined when there is none. */
  readonly location: string | undefined;
  readonly contentType: string;
  readonly body: string;
}

/** An RFC 7636 verifier (43 base64url characters from 32 random bytes) and its S256 challenge. */
export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function newPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: s256(verifier) };
}

export function randomState(): string {
  return randomBytes(12).toString('base64url');
}

/** One user agent: its cookies and the server it talks to. */
export class AuthorizeSession {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly origin: string) {}

  async get(pathOrUrl: string): Promise<PageResponse> {
    return this.send(pathOrUrl, { method: 'GET' });
  }

  async post(path: string, form: URLSearchParams): Promise<PageResponse> {
    return this.send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  }

  /** GET /oauth/authorize with the given query. */
  async authorize(query: Record<string, string | undefined>): Promise<PageResponse> {
    const url = new URL(AUTHORIZE_PATH, this.origin);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) {
        url.searchParams.set(name, value);
      }
    }
    return this.get(url.toString());
  }

  /** Submits the form at `action` on `page`: its hidden fields plus `fields` (repeat a name with an array). */
  async submit(
    page: PageResponse,
    action: string,
    fields: Record<string, string | readonly string[]>,
  ): Promise<PageResponse> {
    const form = new URLSearchParams(hiddenFields(requireForm(page.body, action)));
    for (const [name, value] of Object.entries(fields)) {
      for (const each of typeof value === 'string' ? [value] : value) {
        form.append(name, each);
      }
    }
    return this.followLocal(await this.post(action, form));
  }

  /** Follows redirects that stay on the server (page to page), stops at one that leaves it (back to the app). */
  async followLocal(response: PageResponse): Promise<PageResponse> {
    let current = response;
    for (let hops = 0; hops < 5 && current.location?.startsWith(`${this.origin}/`); hops++) {
      current = await this.get(current.location);
    }
    return current;
  }

  private async send(pathOrUrl: string, init: RequestInit): Promise<PageResponse> {
    const url = new URL(pathOrUrl, this.origin);
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), ...(cookie ? { cookie } : {}) },
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = ''] = setCookie.split(';');
      const separator = pair.indexOf('=');
      this.cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
    }
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location === null ? undefined : new URL(location, url).toString(),
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
    };
  }
}

/** A client's registered signing key for `private_key_jwt` (SMART client-confidential-asymmetric). */
export interface ClientSigningKey {
  readonly privateKey: KeyLike;
  readonly kid: string;
  readonly alg: 'RS384' | 'ES384';
}

/**
 * Client authentication for the token, revocation and introspection endpoints: a secret (confidential symmetric),
 * a signing key (confidential asymmetric), or neither (public).
 */
export type ClientAuth = {
  readonly clientId: string;
  readonly secret?: string;
  readonly signingKey?: ClientSigningKey;
};

export interface OAuthReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

/**
 * An RFC 7523 client assertion for one request: iss = sub = client_id, aud = the endpoint, a fresh jti, short exp.
 * See https://hl7.org/fhir/smart-app-launch/client-confidential-asymmetric.html
 */
export async function clientAssertion(clientId: string, key: ClientSigningKey, audience: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(audience)
    .setJti(randomBytes(16).toString('base64url'))
    .setExpirationTime('2m')
    .sign(key.privateKey);
}

/**
 * A form POST to an OAuth endpoint: a confidential client authenticates with HTTP Basic (RFC 6749 §2.3.1) or a
 * signed assertion (RFC 7523 §2.2), a public client only names itself with `client_id`.
 */
export async function postOAuth(url: string, client: ClientAuth, fields: Record<string, string>): Promise<OAuthReply> {
  const form = new URLSearchParams(fields);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (client.secret !== undefined) {
    const basic = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.secret)}`;
    headers['authorization'] = `Basic ${Buffer.from(basic).toString('base64')}`;
  } else if (client.signingKey !== undefined) {
    form.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    form.set('client_assertion', await clientAssertion(client.clientId, client.signingKey, url));
  } else {
    form.set('client_id', client.clientId);
  }
  const response = await fetch(url, { method: 'POST', headers, body: form.toString() });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}
