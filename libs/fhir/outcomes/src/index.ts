export * from './lib/fhir-error';
export * from './lib/operation-outcome.util';
