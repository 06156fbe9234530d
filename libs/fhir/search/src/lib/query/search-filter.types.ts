import type { SearchParameterDefinition } from '@connector/fhir-search-parameters';
import type {
  CompositeSearchValue,
  DateSearchValue,
  IdentifierOfTypeSearchValue,
  NumberSearchValue,
  QuantitySearchValue,
  ReferenceSearchValue,
  TextSearchValue,
  TokenSearchValue,
} from './search-value.types';

/** String matching: default starts-with, `:exact`, `:contains`. See https://hl7.org/fhir/R4/search.html#string */
export type StringMatch = 'starts-with' | 'exact' | 'contains';

/**
 * What one parameter occurrence asks for, by parameter type; `values` are OR-ed.
 * See https://hl7.org/fhir/R4/search.html#modifiers
 */
export type SearchCondition =
  /** `:missing=true|false` (any type). */
  | { readonly type: 'missing'; readonly missing: boolean }
  | { readonly type: 'string'; readonly match: StringMatch; readonly values: readonly TextSearchValue[] }
  | { readonly type: 'token'; readonly modifier: 'none' | 'not' | 'below' | 'above'; readonly values: readonly TokenSearchValue[] }
  /** `:text` searches display/text; `:in`/`:not-in` take value set URLs. */
  | { readonly type: 'token'; readonly modifier: 'text' | 'in' | 'not-in'; readonly values: readonly TextSearchValue[] }
  | { readonly type: 'token'; readonly modifier: 'of-type'; readonly values: readonly IdentifierOfTypeSearchValue[] }
  | { readonly type: 'date'; readonly values: readonly DateSearchValue[] }
  | { readonly type: 'number'; readonly values: readonly NumberSearchValue[] }
  | { readonly type: 'quantity'; readonly values: readonly QuantitySearchValue[] }
  | { readonly type: 'reference'; readonly values: readonly ReferenceSearchValue[] }
  | { readonly type: 'uri'; readonly modifier: 'none' | 'below' | 'above'; readonly values: readonly TextSearchValue[] }
  | { readonly type: 'composite'; readonly values: readonly CompositeSearchValue[] }
  /** Special parameters (`near`, `_text`…): values are kept as text for the engine that implements them. */
  | { readonly type: 'special'; readonly values: readonly TextSearchValue[] };

/** A parameter of the searched (or chained-to) type with its condition. */
export interface ParameterFilter {
  readonly kind: 'parameter';
  readonly code: string;
  readonly definition: SearchParameterDefinition;
  readonly condition: SearchCondition;
}

/**
 * `reference:Type.rest=value`: resources whose `reference` points to a `targetType` matching `filter`.
 * See https://hl7.org/fhir/R4/search.html#chaining
 */
export interface ChainFilter {
  readonly kind: 'chain';
  readonly code: string;
  readonly definition: SearchParameterDefinition;
  readonly targetType: string;
  readonly filter: SearchFilter;
}

/**
 * `_has:Type:reference:rest=value`: resources referred to by a `resourceType` (through its `reference`
 * parameter) that matches `filter`. See https://hl7.org/fhir/R4/search.html#has
 */
export interface HasFilter {
  readonly kind: 'has';
  readonly resourceType: string;
  readonly referenceCode: string;
  readonly referenceDefinition: SearchParameterDefinition;
  readonly filter: SearchFilter;
}

/**
 * `[base]/Patient/1/Observation?…`: resources in the compartment of the given Patients, i.e. referring to one of
 * them through a parameter the Patient CompartmentDefinition lists for their type (and, for Patient, the Patients
 * themselves). Also how an access context bounds a patient's token. See
 * https://hl7.org/fhir/R4/compartmentdefinition-patient.html and https://hl7.org/fhir/R4/http.html#vsearch
 */
export interface CompartmentFilter {
  readonly kind: 'compartment';
  readonly compartmentType: 'Patient';
  readonly ids: readonly string[];
}

/** One AND entry of a search (one occurrence of a parameter in the query, or the compartment of the URL). */
export type SearchFilter = ParameterFilter | ChainFilter | HasFilter | CompartmentFilter;
