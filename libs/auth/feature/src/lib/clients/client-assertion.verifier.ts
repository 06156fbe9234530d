import { Injectable } from '@nestjs/common';
import { InvalidClientError, InvalidRequestError } from '@node-oauth/oauth2-server';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import { type ClientEntity, ClientRepository, RevokedTokenRepository } from '@connector/auth-data-access';
import { CLIENT_ASSERTION_ALGORITHMS } from '@connector/contracts';
import { usedAssertionKey } from '../revocation/revoked-token-key.util';
import { CLIENT_ASSERTION_MAX_LIFETIME_SECONDS } from './client-assertion.constants';
import { hasRegisteredKeys } from './client-key-set.util';

const UNKNOWN_CLIENT = 'Invalid client: client is invalid';

/**
 * Verifies a `private_key_jwt` client assertion (RFC 7523 §3, SMART Backend Services): signed RS384/ES384 by a key
 * the client registered (inline JWKS or its JWKS URL), iss = sub = client_id, aud = the endpoint it was sent to,
 * `exp` at most five minutes ahead, and a `jti` never seen before from that client.
 * See https://hl7.org/fhir/smart-app-launch/client-confidential-asymmetric.html
 */
@Injectable()
export class ClientAssertionVerifier {
  /** Remote key sets per client, so jose's own caching and cooldown apply across requests. */
  private readonly remoteKeySets = new Map<string, { readonly uri: string; readonly keys: JWTVerifyGetKey }>();

  constructor(
    private readonly clients: ClientRepository,
    private readonly usedAssertions: RevokedTokenRepository,
  ) {}

  /** The client the assertion authenticates; throws `invalid_client` (or `invalid_request` for a non-JWT). */
  async verify(assertion: string, clientIdParameter: string | undefined, endpointUrl: string): Promise<ClientEntity> {
    const clientId = claimedClientId(assertion);
    if (clientIdParameter !== undefined && clientIdParameter !== clientId) {
      throw new InvalidRequestError('Invalid request: `client_id` names another client than the client assertion');
    }
    const client = await this.clients.findByClientId(clientId);
    if (!client || !hasRegisteredKeys(client)) {
      throw new InvalidClientError(UNKNOWN_CLIENT);
    }
    const payload = await this.verifiedClaims(assertion, client, endpointUrl);
    const exp = Number(payload.exp);
    if (exp > Math.floor(Date.now() / 1000) + CLIENT_ASSERTION_MAX_LIFETIME_SECONDS) {
      throw new InvalidClientError('Invalid client: the client assertion `exp` is more than five minutes ahead');
    }
    // Kept until the assertion expires: after that it is refused for its `exp` anyway (RFC 7523 §3, item 7).
    const key = usedAssertionKey(clientId, String(payload.jti));
    if (!(await this.usedAssertions.insertIfAbsent(key, new Date(exp * 1000).toISOString()))) {
      throw new InvalidClientError('Invalid client: the client assertion `jti` was already used');
    }
    return client;
  }

  private async verifiedClaims(assertion: string, client: ClientEntity, endpointUrl: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(assertion, this.keySetOf(client), {
        algorithms: [...CLIENT_ASSERTION_ALGORITHMS],
        issuer: client.clientId,
        subject: client.clientId,
        audience: acceptedAudiences(endpointUrl),
        requiredClaims: ['iss', 'sub', 'aud', 'exp', 'jti'],
      });
      return payload;
    } catch (error) {
      throw new InvalidClientError(`Invalid client: ${assertionProblem(error)}`);
    }
  }

  private keySetOf(client: ClientEntity): JWTVerifyGetKey {
    if (client.jwks) {
      return createLocalJWKSet(JSON.parse(client.jwks) as JSONWebKeySet);
    }
    const uri = String(client.jwksUri);
    const cached = this.remoteKeySets.get(client.clientId);
    if (cached?.uri === uri) {
      return cached.keys;
    }
    const keys = createRemoteJWKSet(new URL(uri));
    this.remoteKeySets.set(client.clientId, { uri, keys });
    return keys;
  }
}

/** The client the assertion claims to come from (`iss`), read before anything is verified to find its keys. */
function claimedClientId(assertion: string): string {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(assertion);
  } catch {
    throw new InvalidRequestError('Invalid request: `client_assertion` is not a JWT');
  }
  if (typeof claims.iss !== 'string' || claims.iss === '') {
    throw new InvalidClientError('Invalid client: the client assertion has no `iss`');
  }
  return claims.iss;
}

/**
 * The endpoint the request was sent to; at the introspection and revocation endpoints also the token endpoint, which
 * RFC 7523 §3 lets an assertion name as its audience.
 */
function acceptedAudiences(endpointUrl: string): string[] {
  const tokenEndpoint = endpointUrl.replace(/\/(introspect|revoke)$/, '/token');
  return [...new Set([endpointUrl, tokenEndpoint])];
}

/** Why verification failed, for the `error_description`: never a key or a stack, only the rule broken. */
function assertionProblem(error: unknown): string {
  if (error instanceof errors.JWTExpired) {
    return 'the client assertion has expired';
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `the client assertion \`${error.claim}\` claim is not acceptable (${error.reason})`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return `the client assertion must be signed with ${CLIENT_ASSERTION_ALGORITHMS.join(' or ')}`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return 'no registered key of the client matches the client assertion';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return 'the client assertion signature does not verify';
  }
  if (error instanceof errors.JOSEError) {
    return 'the client assertion or the client key set is not valid';
  }
  return "the client's key set could not be read";
}
