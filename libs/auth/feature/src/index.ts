export * from './lib/auth-service.module';
export * from './lib/auth.handler';
