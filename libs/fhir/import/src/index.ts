export * from './lib/import-error';
export * from './lib/prepared-import';
export * from './lib/prepare-import';
export * from './lib/prepare-ndjson';
export * from './lib/send-prepared-import';
export { IMPORT_ID_NAMESPACE, deterministicId } from './lib/deterministic-id.util';
