export * from './lib/logger';
export * from './lib/pino-nest-logger';
export * from './lib/request-context';
