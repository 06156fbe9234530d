/**
 * One parsed value of a search parameter (one OR branch), by parameter type.
 * See https://hl7.org/fhir/R4/search.html#ptypes
 */

/** Comparison prefixes of ordered types. See https://hl7.org/fhir/R4/search.html#prefix */
export const SEARCH_PREFIXES = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'] as const;
export type SearchPrefix = (typeof SEARCH_PREFIXES)[number];

/** Precision a date search value was written with; it decides the width of its range. */
export type { DatePrecision } from '../dates/fhir-date-range.util';
import type { DatePrecision } from '../dates/fhir-date-range.util';

/**
 * A date value as the half-open range of instants it stands for, in epoch milliseconds: `2013-01-14` is
 * [2013-01-14T00:00Z, 2013-01-15T00:00Z). Values without a timezone are read as UTC.
 * See https://hl7.org/fhir/R4/search.html#date
 */
export interface DateSearchValue {
  readonly type: 'date';
  readonly prefix: SearchPrefix;
  readonly low: number;
  readonly high: number;
  readonly precision: DatePrecision;
}

/**
 * A number as written plus the implicit range of its precision: `100` is [99.5, 100.5), `100.00` is
 * [99.995, 100.005). `eq`/`ne`/`ap` compare with the range, the other prefixes with `value` exactly.
 * See https://hl7.org/fhir/R4/search.html#number
 */
export interface NumberSearchValue {
  readonly type: 'number';
  readonly prefix: SearchPrefix;
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

/**
 * `[prefix]value|system|code`. No `system` = any system; `code` matches Quantity.code or Quantity.unit when the
 * system is absent. See https://hl7.org/fhir/R4/search.html#quantity
 */
export interface QuantitySearchValue extends Omit<NumberSearchValue, 'type'> {
  readonly type: 'quantity';
  readonly system?: string;
  readonly code?: string;
}

/**
 * `code`, `system|code`, `|code`, `system|`. `system` undefined = any system; null = the coded value must have
 * no system (`|code`); `code` undefined = any code of `system` (`system|`). See https://hl7.org/fhir/R4/search.html#token
 */
export interface TokenSearchValue {
  readonly type: 'token';
  readonly system?: string | null;
  readonly code?: string;
}

/** `:of-type` on identifiers: `system|code|value` of Identifier.type and Identifier.value. */
export interface IdentifierOfTypeSearchValue {
  readonly type: 'of-type';
  readonly system: string;
  readonly code: string;
  readonly value: string;
}

/** Plain text for string, `:text`, uri, `:in`/`:not-in` (value set URL) and special parameters. */
export interface TextSearchValue {
  readonly type: 'text';
  readonly text: string;
}

/**
 * A reference value. `local`: a resource on this server (`id`, `Type/id`, or an absolute URL on the base URL);
 * `resourceType` is undefined only when neither the value, a `:Type` modifier nor a single-target definition
 * says it. `absolute`: a URL elsewhere (or a canonical). `identifier`: `:identifier` with `system|value`.
 * See https://hl7.org/fhir/R4/search.html#reference
 */
export type ReferenceSearchValue =
  | {
      readonly type: 'reference';
      readonly kind: 'local';
      readonly resourceType?: string;
      readonly id: string;
      readonly version?: string;
    }
  | { readonly type: 'reference'; readonly kind: 'absolute'; readonly url: string }
  | {
      readonly type: 'reference';
      readonly kind: 'identifier';
      readonly system?: string | null;
      readonly value?: string;
    };

/** A value of one component of a composite parameter (`a$b`). */
export type CompositePartValue =
  DateSearchValue | NumberSearchValue | QuantitySearchValue | TokenSearchValue | TextSearchValue | ReferenceSearchValue;

/** One component of a composite value: the component's parameter code and its parsed value. */
export interface CompositeComponentValue {
  readonly code: string;
  readonly value: CompositePartValue;
}

/** `a$b`, each part parsed by its component's type. See https://hl7.org/fhir/R4/search.html#composite */
export interface CompositeSearchValue {
  readonly type: 'composite';
  readonly components: readonly CompositeComponentValue[];
}
