export * from './extract-index-values';
export * from './index-rows.types';
export * from './normalize-string.util';
export * from './fhir-date-range.util';
export * from './parse-reference.util';
