import { randomUUID } from 'node:crypto';
import {
  type AuthorizationCode,
  type Client,
  InvalidScopeError,
  type RefreshToken,
  type Token,
  type User,
} from '@node-oauth/oauth2-server';
import {
  type AuthorizationCodeRepository,
  type ClientEntity,
  GrantEntity,
  type GrantRepository,
  RefreshTokenEntity,
  type RefreshTokenRepository,
  type UserEntity,
  type UserRepository,
} from '@connector/auth-data-access';
import { backendServiceScopes, grantedScopes } from '../scopes/granted-scopes.util';
import { sha256Hex } from '../secrets/token-hash.util';
import type { UserCredentialsService } from '../users/user-credentials.service';
import type { AccessTokenService } from './access-token.service';
import { BACKEND_SERVICE_CONTEXT, type GrantContext, passwordContext } from './grant-context';
import { OFFLINE_GRANT_TTL_SECONDS, ONLINE_GRANT_TTL_SECONDS } from './refresh-token.constants';

/** A client as the OAuth library sees it, plus the scopes it may be granted. */
export interface OAuthClient extends Client {
  readonly id: string;
  readonly grants: string[];
  readonly scopes: string[];
}

/** What the model needs from the service's providers. */
export interface TokenGrantDependencies {
  readonly users: UserRepository;
  readonly credentials: UserCredentialsService;
  readonly accessTokens: AccessTokenService;
  readonly codes: AuthorizationCodeRepository;
  readonly grants: GrantRepository;
  readonly refreshTokens: RefreshTokenRepository;
}

/**
 * The storage side of every grant this server issues, for `@node-oauth/oauth2-server`, made per request for a client
 * the caller already authenticated (secret, assertion or public id): the library then handles grant dispatch, code
 * expiry, redirect URI and PKCE checks, and refresh-scope narrowing; this model decides scopes, signs, and stores.
 * See https://www.rfc-editor.org/rfc/rfc6749#section-4
 */
export class TokenGrantModel {
  constructor(
    private readonly client: ClientEntity,
    private readonly deps: TokenGrantDependencies,
  ) {}

  /** The pre-authenticated client, if the library asks for that one (it always does: the form names it). */
  async getClient(clientId: string): Promise<OAuthClient | null> {
    if (clientId !== this.client.clientId) {
      return null;
    }
    return { id: clientId, grants: this.client.grantTypes, scopes: this.client.scopes };
  }

  // Password grant (RFC 6749 §4.3): service apps acting for a user.
  async getUser(username: string, password: string): Promise<GrantContext | null> {
    const user = await this.deps.credentials.verify(username, password);
    return user ? passwordContext(user) : null;
  }

  // Client credentials (SMART Backend Services): the client acts for itself.
  async getUserFromClient(): Promise<GrantContext> {
    return BACKEND_SERVICE_CONTEXT;
  }

  /** Requested ∩ client's ∩ (the user's role | backend `system/` scopes); empty fails with `invalid_scope`. */
  async validateScope(user: User, client: Client, scope?: string[]): Promise<string[]> {
    const context = user as GrantContext;
    const clientScopes = (client as OAuthClient).scopes;
    const granted = context.user
      ? grantedScopes(scope, clientScopes, context.user.role)
      : backendServiceScopes(scope, clientScopes);
    if (granted.length === 0) {
      throw new InvalidScopeError('Invalid scope: no requested scope is allowed for this client and user');
    }
    return granted;
  }

  // Authorization code grant (RFC 6749 §4.1.3).
  async getAuthorizationCode(code: string): Promise<AuthorizationCode | null> {
    // Taking the row deletes it: a code is single-use even when this redemption then fails (e.g. a wrong verifier).
    const row = await this.deps.codes.take(sha256Hex(code));
    const user = row ? await this.deps.users.findByUsername(row.username) : null;
    if (!row || !user) {
      return null;
    }
    const context: GrantContext = {
      user,
      patientId: row.patientId,
      encounterId: row.encounterId,
      launchType: row.launchType,
      nonce: row.nonce,
      grantId: randomUUID(),
      newGrant: true,
    };
    return {
      authorizationCode: code,
      expiresAt: new Date(row.expiresAt),
      redirectUri: row.redirectUri,
      scope: row.scopes,
      client: { id: row.clientId, grants: [] },
      user: context,
      ...(row.codeChallenge === null ? {} : { codeChallenge: row.codeChallenge, codeChallengeMethod: 'S256' }),
    };
  }

  /** Already removed by {@link getAuthorizationCode}. */
  async revokeAuthorizationCode(): Promise<boolean> {
    return true;
  }

  // Refresh token grant (RFC 6749 §6), with rotation.
  async getRefreshToken(refreshToken: string): Promise<RefreshToken | null> {
    const tokenHash = sha256Hex(refreshToken);
    const row = await this.deps.refreshTokens.findByHash(tokenHash);
    const grant = row ? await this.deps.grants.findById(row.grantId) : null;
    if (!row || !grant || grant.revokedAt !== null) {
      return null;
    }
    if (row.usedAt !== null) {
      // A rotated-out token came back: it leaked or was replayed. Stop the whole grant (OAuth 2.0 Security BCP).
      await this.deps.grants.revoke(grant.id, new Date().toISOString());
      return null;
    }
    const user = await this.deps.users.findByUsername(grant.username);
    if (!user) {
      return null;
    }
    const context: GrantContext = {
      user,
      patientId: grant.patientId,
      encounterId: grant.encounterId,
      launchType: grant.launchType,
      nonce: null,
      grantId: grant.id,
      newGrant: false,
      grantAccessType: grant.accessType,
    };
    return {
      refreshToken,
      refreshTokenExpiresAt: new Date(grant.expiresAt),
      scope: grant.scopes,
      client: { id: grant.clientId, grants: [] },
      user: context,
    };
  }

  /** Marks the presented refresh token used; false when a concurrent refresh used it first. */
  async revokeToken(token: RefreshToken): Promise<boolean> {
    return this.deps.refreshTokens.markUsed(sha256Hex(token.refreshToken), new Date().toISOString());
  }

  generateAccessToken(client: Client, user: User, scope: string[]): Promise<string> {
    return this.deps.accessTokens.issue(user as GrantContext, (client as OAuthClient).id, scope);
  }

  /**
   * Stores what outlives the response: for a redeemed code, the grant; a refresh token only when
   * `offline_access` or `online_access` was granted. The JWT access token itself is never stored.
   */
  async saveToken(token: Token, client: Client, user: User): Promise<Token> {
    const context = user as GrantContext;
    const scopes = token.scope ?? [];
    const saved: Token = {
      accessToken: token.accessToken,
      accessTokenExpiresAt: token.accessTokenExpiresAt,
      scope: scopes,
      client,
      user,
    };
    if (context.grantId === null || context.user === undefined) {
      return saved;
    }
    const accessType = context.newGrant ? refreshAccessType(scopes) : context.grantAccessType;
    if (context.newGrant) {
      await this.deps.grants.insert(newGrant(context, context.user, (client as OAuthClient).id, scopes, accessType));
    }
    if (accessType === undefined || token.refreshToken === undefined) {
      return saved;
    }
    await this.deps.refreshTokens.insert(
      Object.assign(new RefreshTokenEntity(), {
        tokenHash: sha256Hex(token.refreshToken),
        grantId: context.grantId,
        createdAt: new Date().toISOString(),
        usedAt: null,
      } satisfies RefreshTokenEntity),
    );
    return { ...saved, refreshToken: token.refreshToken };
  }

  /** Never called: this server does not authenticate bearer tokens here (the gateway verifies the JWT itself). */
  async getAccessToken(): Promise<null> {
    return null;
  }
}

/** `offline_access` or `online_access` make a grant refreshable; without either there is no refresh token. */
function refreshAccessType(scopes: readonly string[]): 'offline' | 'online' | undefined {
  if (scopes.includes('offline_access')) {
    return 'offline';
  }
  return scopes.includes('online_access') ? 'online' : undefined;
}

function newGrant(
  context: GrantContext,
  user: UserEntity,
  clientId: string,
  scopes: readonly string[],
  accessType: 'offline' | 'online' | undefined,
): GrantEntity {
  const now = Date.now();
  const ttl = accessType === 'offline' ? OFFLINE_GRANT_TTL_SECONDS : ONLINE_GRANT_TTL_SECONDS;
  return Object.assign(new GrantEntity(), {
    id: context.grantId ?? randomUUID(),
    clientId,
    username: user.username,
    scopes: [...scopes],
    patientId: context.patientId,
    encounterId: context.encounterId,
    launchType: context.launchType,
    accessType: accessType ?? 'online',
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ttl * 1000).toISOString(),
    revokedAt: null,
  } satisfies GrantEntity);
}
