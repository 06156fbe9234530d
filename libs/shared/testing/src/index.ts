export * from './lib/distributed-infrastructure';
export * from './lib/shared-data';
