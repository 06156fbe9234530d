/** Where the OAuth endpoints live, relative to the server's public origin. */
export function oauthUrls(origin: string): { readonly token: string; readonly jwks: string } {
  return { token: `${origin}/oauth/token`, jwks: `${origin}/.well-known/jwks.json` };
}
