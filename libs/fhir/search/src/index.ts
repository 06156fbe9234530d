// Search: index-value extraction (src/lib/indexing) and query parsing (src/lib/query). No I/O.
export * from './lib/indexing';
export * from './lib/query';
export * from './lib/result';
