export * from './lib/distributed-infrastructure';
export * from './lib/shared-data';
export * from './lib/distributed-topology';
export * from './lib/process-topology';
export * from './lib/repo-root';
export * from './lib/references-in.util';
export * from './lib/fhir-date-oracle.util';
