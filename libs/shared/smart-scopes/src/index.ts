export * from './lib/access-context-from-scopes.util';
export * from './lib/parse-smart-scope.util';
export * from './lib/scope-covers.util';
export * from './lib/smart-scope.model';
