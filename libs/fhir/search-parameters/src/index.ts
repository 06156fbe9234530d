export * from './lib/search-parameter-definition';
export * from './lib/search-parameter-registry';
