export * from './lib/generate-demo-bundle';
export * from './lib/demo-bundle-ids.util';
export { DEMO_MRN_SYSTEM, DEMO_TAG } from './lib/demo-codes.constants';
