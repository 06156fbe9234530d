import { oauthUrls, TOKEN_ENDPOINT_AUTH_METHODS } from './oauth-urls.util';

/**
 * OpenID Connect discovery for the `openid fhirUser` id_token (sso-openid-connect).
 * See https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
 */
export function buildOpenIdConfiguration(origin: string, issuer: string): Record<string, unknown> {
  const urls = oauthUrls(origin);
  return {
    issuer,
    authorization_endpoint: urls.authorize,
    token_endpoint: urls.token,
    jwks_uri: urls.jwks,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'fhirUser', 'profile'],
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'nonce', 'fhirUser'],
    token_endpoint_auth_methods_supported: [...TOKEN_ENDPOINT_AUTH_METHODS],
    code_challenge_methods_supported: ['S256'],
  };
}
