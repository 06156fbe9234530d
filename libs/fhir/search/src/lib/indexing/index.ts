export * from './extract-index-values';
export * from './index-rows.types';
export * from './normalize-string.util';
export * from '../dates/fhir-date-range.util';
export * from './parse-reference.util';
export {
  type ComponentType,
  type CompositeComponent,
  compositeComponents,
  compositeUnionParts,
} from './composite-components.util';
export { UCUM_SYSTEM, type UcumCanonicalForm, ucumCanonicalForm } from './ucum-canonical.util';
