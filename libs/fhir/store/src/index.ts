export * from './lib/resource.entity';
export * from './lib/resource-version.entity';
export * from './lib/resource-store.database';
export * from './lib/resource-store.service';
export { contentHash } from './lib/content-hash.util';
