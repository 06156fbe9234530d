import { Injectable } from '@nestjs/common';
import { type Client, InvalidScopeError, type PasswordModel, type Token, type User } from '@node-oauth/oauth2-server';
import { ClientRepository, type UserEntity, UserRepository } from '@connector/auth-data-access';
import { grantedScopes } from '../scopes/granted-scopes.util';
import { verifySecret } from '../secrets/secret-hash.util';
import { AccessTokenService } from './access-token.service';
import { isImplementedGrantType } from './grant-types.constants';

/** A client as the OAuth library sees it, plus the scopes it may be granted. */
export interface OAuthClient extends Client {
  readonly id: string;
  readonly grants: string[];
  readonly scopes: string[];
}

/**
 * A bcrypt hash of a random value nobody knows: checked when the username does not exist, so that a wrong
 * username takes as long as a wrong password and response times do not reveal which usernames exist.
 */
const UNKNOWN_USER_HASH = '$2b$10$/AJaFqm5b6UaX49Grj.ccehYowzO1KQJv6HdwRqhp1UHo55agKZP.';

/**
 * The storage side of the Resource Owner Password Credentials grant for `@node-oauth/oauth2-server`: looks up and
 * authenticates clients and users, decides the granted scope, and signs the token.
 * See https://www.rfc-editor.org/rfc/rfc6749#section-4.3
 */
@Injectable()
export class PasswordGrantModel implements PasswordModel {
  constructor(
    private readonly clients: ClientRepository,
    private readonly users: UserRepository,
    private readonly accessTokens: AccessTokenService,
  ) {}

  /** The client if it authenticates: a confidential client by its secret; a public client (no secret) by id alone. */
  async getClient(clientId: string, clientSecret: string | undefined): Promise<OAuthClient | null> {
    const client = await this.clients.findByClientId(clientId);
    if (!client) {
      return null;
    }
    const authenticated =
      client.secretHash === null
        ? clientSecret === undefined
        : clientSecret !== undefined && (await verifySecret(clientSecret, client.secretHash));
    if (!authenticated) {
      return null;
    }
    return { id: client.clientId, grants: client.grantTypes.filter(isImplementedGrantType), scopes: client.scopes };
  }

  /** The user if the password is right; null (→ `invalid_grant`) for a wrong password or an unknown username. */
  async getUser(username: string, password: string): Promise<UserEntity | null> {
    const user = await this.users.findByUsername(username);
    const matches = await verifySecret(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    return user && matches ? user : null;
  }

  /** Requested ∩ client's ∩ role's scopes; an empty result fails the request (RFC 6749 §3.3). */
  async validateScope(user: User, client: Client, scope?: string[]): Promise<string[]> {
    const granted = grantedScopes(scope, (client as OAuthClient).scopes, (user as UserEntity).role);
    if (granted.length === 0) {
      throw new InvalidScopeError('Invalid scope: no requested scope is allowed for this client and user');
    }
    return granted;
  }

  generateAccessToken(client: Client, user: User, scope: string[]): Promise<string> {
    return this.accessTokens.issue(user as UserEntity, (client as OAuthClient).id, scope);
  }

  /** Nothing to store: the token is a self-contained JWT. No refresh token is handed out. */
  async saveToken(token: Token, client: Client, user: User): Promise<Token> {
    return {
      accessToken: token.accessToken,
      accessTokenExpiresAt: token.accessTokenExpiresAt,
      scope: token.scope,
      client,
      user,
    };
  }

  /** Never called: this server does not authenticate bearer tokens (the gateway verifies the JWT itself). */
  async getAccessToken(): Promise<null> {
    return null;
  }
}
