export * from './lib/database-options';
export * from './lib/database.module';
export * from './lib/ensure-postgres-schema';
export * from './lib/run-migrations';
