import type { ComponentType } from './composite-components.util';

// One row type per index table (https://hl7.org/fhir/R4/search.html#ptypes). Every row names the search parameter
// `code` it was extracted for; absent parts are null (not undefined) so a row maps column for column to a table.

/** A string value as written and its case- and accent-folded form (what the default starts-with search compares). */
export interface StringIndexRow {
  readonly code: string;
  readonly value: string;
  readonly normalized: string;
}

/**
 * A token: `system|value` plus the folded text `:text` searches (Coding.display, CodeableConcept.text,
 * Identifier.type.text). Identifiers also carry their type coding for `:of-type`.
 */
export interface TokenIndexRow {
  readonly code: string;
  readonly system: string | null;
  readonly value: string | null;
  readonly text: string | null;
  readonly typeSystem: string | null;
  readonly typeCode: string | null;
}

/** A date as the half-open range [low, high) of epoch milliseconds its precision covers; null = unbounded. */
export interface DateIndexRow {
  readonly code: string;
  readonly low: number | null;
  readonly high: number | null;
}

/** A reference: the string as stored plus its target type and id when the string names them, and any identifier. */
export interface ReferenceIndexRow {
  readonly code: string;
  readonly reference: string | null;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly identifierSystem: string | null;
  readonly identifierValue: string | null;
}

/**
 * A quantity (or a Range: value null, low/high its bounds); `unitCode` is Quantity.code, `unit` the human unit.
 * A UCUM quantity whose unit converts also carries its value in canonical units (`5.4 mg` → 0.0054, `g`), so a
 * search in any commensurable unit finds it; null otherwise (and for ranges).
 */
export interface QuantityIndexRow {
  readonly code: string;
  readonly value: number | null;
  readonly valueText: string | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly comparator: string | null;
  readonly system: string | null;
  readonly unitCode: string | null;
  readonly unit: string | null;
  readonly canonicalValue: number | null;
  readonly canonicalUnit: string | null;
}

export interface NumberIndexRow {
  readonly code: string;
  readonly value: number;
  readonly valueText: string;
}

export interface UriIndexRow {
  readonly code: string;
  readonly value: string;
}

/** The values of one component on one composite element (its rows carry the component parameter's code). */
export interface CompositeComponentValues {
  readonly code: string;
  readonly type: ComponentType;
  /** Never empty: an element lacking some component gets no composite row at all. */
  readonly rows: readonly IndexRow[];
}

/**
 * One element a composite expression selected (e.g. one Observation.component) with its components' values, in
 * the definition's component order: a store keeps the rows of one element together so all parts must match it.
 */
export interface CompositeIndexRow {
  readonly code: string;
  readonly components: readonly CompositeComponentValues[];
}

export type IndexRow =
  StringIndexRow | TokenIndexRow | DateIndexRow | ReferenceIndexRow | QuantityIndexRow | NumberIndexRow | UriIndexRow;

/** The minimum the indexer needs of a resource. */
export interface IndexableResource {
  readonly resourceType: string;
  readonly id?: string;
}

/** Everything the search index stores for one resource, grouped by index table. */
export interface ResourceIndex {
  readonly resourceType: string;
  readonly id: string | null;
  readonly string: readonly StringIndexRow[];
  readonly token: readonly TokenIndexRow[];
  readonly date: readonly DateIndexRow[];
  readonly reference: readonly ReferenceIndexRow[];
  readonly quantity: readonly QuantityIndexRow[];
  readonly number: readonly NumberIndexRow[];
  readonly uri: readonly UriIndexRow[];
  readonly composite: readonly CompositeIndexRow[];
}
