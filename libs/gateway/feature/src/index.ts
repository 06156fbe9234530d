export type { AccessTokenClaims } from './lib/auth/access-token-claims';
export { createGatewayApp } from './lib/gateway-app.factory';
export { CONNECTOR_VERSION, FHIR_BASE_PATHS } from './lib/gateway.constants';
export { GatewayModule } from './lib/gateway.module';
