import { SMART_SCOPES_SUPPORTED } from '../gateway.constants';
import { oauthUrls } from '../oauth/oauth-urls.util';

/** The SMART discovery document. See https://hl7.org/fhir/smart-app-launch/conformance.html#metadata */
export interface SmartConfiguration {
  readonly issuer: string;
  readonly jwks_uri: string;
  readonly token_endpoint: string;
  readonly grant_types_supported: readonly string[];
  readonly token_endpoint_auth_methods_supported: readonly string[];
  readonly scopes_supported: readonly string[];
  readonly response_types_supported: readonly string[];
  readonly capabilities: readonly string[];
}

/**
 * Advertises only what exists: the password grant at the token endpoint and the signing keys. No authorize
 * endpoint, response types or launch capabilities until they are built.
 */
export function buildSmartConfiguration(origin: string, issuer: string): SmartConfiguration {
  const urls = oauthUrls(origin);
  return {
    issuer,
    jwks_uri: urls.jwks,
    token_endpoint: urls.token,
    grant_types_supported: ['password'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: [...SMART_SCOPES_SUPPORTED],
    response_types_supported: [],
    capabilities: [],
  };
}
