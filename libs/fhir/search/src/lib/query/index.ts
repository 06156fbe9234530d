// Query parsing: URL search parameters → SearchRequest (AST). See README "Query parsing".
export * from './search-parameter-lookup';
export * from './search-value.types';
export * from './search-filter.types';
export * from './search-request.types';
export { UnknownSearchParameterError } from './search-query.errors';
export { DEFAULT_SEARCH_COUNT, MAX_SEARCH_COUNT } from './result-parameters.parser';
export { parseDateValue } from './date-value.parser';
export { parseNumberValue, parseQuantityValue } from './number-value.parser';
export { parseSearchQuery } from './search-query.parser';
export { patientCompartmentParams } from './compartment-filter.parser';
