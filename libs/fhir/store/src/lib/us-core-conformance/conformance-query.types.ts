/*
 * A generated search, kept structured: the oracle evaluates these values directly, and the same values are rendered
 * to the query text the engine parses (`query-text.util.ts`), so the oracle never depends on the engine's parser.
 */

/** `code` or `system|code` (system absent = any system). See https://hl7.org/fhir/R4/search.html#token */
export interface TokenValue {
  readonly type: 'token';
  readonly system?: string;
  readonly code: string;
}

/** How a reference value is written: `id`, `Type/id`, or an absolute URL on this server's base. */
export type ReferenceForm = 'id' | 'type/id' | 'absolute';

/** See https://hl7.org/fhir/R4/search.html#reference */
export interface ReferenceValue {
  readonly type: 'reference';
  readonly targetType: string;
  readonly id: string;
  readonly form: ReferenceForm;
}

/** Starts-with, case- and accent-insensitive. See https://hl7.org/fhir/R4/search.html#string */
export interface StringValue {
  readonly type: 'string';
  readonly text: string;
}

export type DatePrefix = 'eq' | 'gt' | 'ge' | 'lt' | 'le';

/** A FHIR date/dateTime text with a prefix (eq is written without one). See https://hl7.org/fhir/R4/search.html#date */
export interface DateValue {
  readonly type: 'date';
  readonly prefix: DatePrefix;
  readonly text: string;
}

export type QueryValue = TokenValue | ReferenceValue | StringValue | DateValue;

/** One query parameter: its values are ORed (comma-separated); `chain` searches the referenced resources instead. */
export interface QueryClause {
  readonly code: string;
  readonly chain?: string;
  readonly values: readonly QueryValue[];
}

/** One search: clauses ANDed; `features` are the requirement keys it exercises (when the oracle finds something). */
export interface ConformanceQuery {
  readonly resourceType: string;
  readonly clauses: readonly QueryClause[];
  readonly revinclude?: string;
  readonly features: readonly string[];
  /** Built with a value nothing in the data has: the oracle must find nothing, and so must the engine. */
  readonly expectNone?: boolean;
}
