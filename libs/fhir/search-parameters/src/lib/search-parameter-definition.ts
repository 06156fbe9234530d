/** R4 search parameter types. See https://hl7.org/fhir/R4/search.html#ptypes */
export type SearchParamType = 'number' | 'date' | 'string' | 'token' | 'reference' | 'composite' | 'quantity' | 'uri' | 'special';

/** One component of a composite search parameter (e.g. Observation code-value-quantity). */
export interface CompositeComponentDefinition {
  /** The code of the search parameter this component uses (e.g. `code`, `value-quantity`). */
  readonly code: string;
  /** FHIRPath of the component, relative to the composite's expression result. */
  readonly expression: string;
}

/**
 * A search parameter as one resource type sees it: the official SearchParameter definition reduced to what the
 * indexer and the query parser need, with the FHIRPath expression already narrowed to this resource type (the base
 * definitions share one union expression across many types).
 */
export interface SearchParameterDefinition {
  /** Canonical URL of the SearchParameter resource it comes from. */
  readonly url: string;
  /** The name used in URLs, e.g. `birthdate`, `_lastUpdated`. */
  readonly code: string;
  /** The resource type this definition applies to (one entry per base type). */
  readonly resourceType: string;
  readonly type: SearchParamType;
  /** FHIRPath (normative R4 expression) narrowed to `resourceType`; absent for special parameters without one. */
  readonly expression?: string;
  /** Reference parameters: resource types the reference may point to. */
  readonly target?: readonly string[];
  /** Allowed modifiers, when the definition lists them. */
  readonly modifier?: readonly string[];
  /** Allowed prefixes (eq, ne, gt, …) for ordered types, when the definition lists them. */
  readonly comparator?: readonly string[];
  readonly multipleOr?: boolean;
  readonly multipleAnd?: boolean;
  readonly component?: readonly CompositeComponentDefinition[];
  /** Where it came from: the R4 base specification or US Core 6.1.0. */
  readonly source: 'r4' | 'us-core-6.1.0';
}
