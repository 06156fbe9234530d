export * from './lib/config.tokens';
export * from './lib/connector-config';
export { LOG_LEVELS } from './lib/environment-variables';
export * from './lib/token-issuer.util';
