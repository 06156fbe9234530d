/** Where the OAuth endpoints live, relative to the server's public origin. */
export interface OAuthUrls {
  readonly authorize: string;
  readonly token: string;
  readonly introspect: string;
  readonly revoke: string;
  readonly launch: string;
  readonly jwks: string;
  readonly smartStyle: string;
}

export function oauthUrls(origin: string): OAuthUrls {
  return {
    authorize: `${origin}/oauth/authorize`,
    token: `${origin}/oauth/token`,
    introspect: `${origin}/oauth/introspect`,
    revoke: `${origin}/oauth/revoke`,
    launch: `${origin}/oauth/launch`,
    jwks: `${origin}/.well-known/jwks.json`,
    smartStyle: `${origin}/oauth/smart-style.json`,
  };
}

/** How clients may authenticate at the token, introspection and revocation endpoints (discovery documents). */
export const TOKEN_ENDPOINT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'];
