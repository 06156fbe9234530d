import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';
import { JWT_BEARER_ASSERTION_TYPE } from '../lib/clients/client-assertion.constants';

/** A client's asymmetric key pair, as a SMART backend service holds it, with the public JWK it registers. */
export interface ClientKey {
  readonly kid: string;
  readonly alg: 'RS384' | 'ES384';
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
}

export async function generateClientKey(alg: 'RS384' | 'ES384', kid: string): Promise<ClientKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** The JWK Set JSON text a client registers (`--jwks-file`). */
export function jwksText(...keys: ClientKey[]): string {
  return JSON.stringify({ keys: keys.map((key) => key.publicJwk) });
}

export interface AssertionOptions {
  /** Claims to set (or, as undefined, to leave out) over the valid defaults. */
  readonly claims?: Record<string, unknown>;
  readonly alg?: string;
  readonly kid?: string;
  /** Sign with this key instead of the client key (e.g. an HMAC secret). */
  readonly signingKey?: KeyLike | Uint8Array;
}

/**
 * A `private_key_jwt` client assertion (RFC 7523 §3) as SMART Backend Services prescribe: iss = sub = client_id,
 * aud = the token endpoint, exp four minutes ahead, a fresh jti.
 */
export function signAssertion(
  key: ClientKey,
  clientId: string,
  audience: string,
  options: AssertionOptions = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: clientId, sub: clientId, aud: audience, exp: now + 240, jti: randomUUID(), ...options.claims };
  const present = Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
  return new SignJWT(present)
    .setProtectedHeader({ alg: options.alg ?? key.alg, kid: options.kid ?? key.kid, typ: 'JWT' })
    .sign(options.signingKey ?? key.privateKey);
}

/** The form fields that carry a client assertion. */
export function assertionForm(assertion: string, extra: Record<string, string> = {}): Record<string, string> {
  return { client_assertion_type: JWT_BEARER_ASSERTION_TYPE, client_assertion: assertion, ...extra };
}

/** A local HTTP server publishing a JWK Set, counting how often it was fetched. */
export interface JwksServer {
  readonly url: string;
  fetches(): number;
  close(): Promise<void>;
}

export async function serveJwks(jwks: () => string): Promise<JwksServer> {
  let fetches = 0;
  const server: Server = createServer((_request, response) => {
    fetches++;
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    fetches: () => fetches,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets of the key set fetcher would otherwise hold the server open.
        server.closeAllConnections();
      }),
  };
}
