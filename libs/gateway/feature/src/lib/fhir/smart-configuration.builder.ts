import { CLIENT_ASSERTION_ALGORITHMS } from '@connector/contracts';
import { SMART_SCOPES_SUPPORTED } from '../gateway.constants';
import { oauthUrls, TOKEN_ENDPOINT_AUTH_METHODS } from '../oauth/oauth-urls.util';

/** The SMART discovery document. See https://hl7.org/fhir/smart-app-launch/conformance.html#metadata */
export interface SmartConfiguration {
  readonly issuer: string;
  readonly jwks_uri: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly introspection_endpoint: string;
  readonly revocation_endpoint: string;
  readonly grant_types_supported: readonly string[];
  readonly token_endpoint_auth_methods_supported: readonly string[];
  readonly token_endpoint_auth_signing_alg_values_supported: readonly string[];
  readonly scopes_supported: readonly string[];
  readonly response_types_supported: readonly string[];
  readonly code_challenge_methods_supported: readonly string[];
  readonly capabilities: readonly string[];
}

/**
 * Exactly the SMART capabilities this server implements (each one is exercised by the SMART launch e2e test).
 * See https://hl7.org/fhir/smart-app-launch/conformance.html#capabilities
 */
export const SMART_CAPABILITIES = [
  'launch-ehr',
  'launch-standalone',
  'authorize-post',
  'client-public',
  'client-confidential-symmetric',
  'client-confidential-asymmetric',
  'sso-openid-connect',
  'context-ehr-patient',
  'context-ehr-encounter',
  'context-standalone-patient',
  'context-banner',
  'context-style',
  'permission-offline',
  'permission-online',
  'permission-patient',
  'permission-user',
  'permission-v1',
  'permission-v2',
] as const;

export function buildSmartConfiguration(origin: string, issuer: string): SmartConfiguration {
  const urls = oauthUrls(origin);
  return {
    issuer,
    jwks_uri: urls.jwks,
    authorization_endpoint: urls.authorize,
    token_endpoint: urls.token,
    introspection_endpoint: urls.introspect,
    revocation_endpoint: urls.revoke,
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials', 'password'],
    token_endpoint_auth_methods_supported: [...TOKEN_ENDPOINT_AUTH_METHODS],
    token_endpoint_auth_signing_alg_values_supported: [...CLIENT_ASSERTION_ALGORITHMS],
    scopes_supported: [...SMART_SCOPES_SUPPORTED],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: [...SMART_CAPABILITIES],
  };
}
