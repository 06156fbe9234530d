export type { AccessTokenClaims } from './lib/auth/access-token-claims';
export { accessTokenIssuer } from './lib/auth/token-issuer.util';
export { createGatewayApp } from './lib/gateway-app.factory';
export { CONNECTOR_VERSION, FHIR_BASE_PATHS } from './lib/gateway.constants';
export { GatewayModule } from './lib/gateway.module';
