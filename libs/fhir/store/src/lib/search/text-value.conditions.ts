import {
  type IdentifierOfTypeSearchValue,
  normalizeString,
  type ReferenceSearchValue,
  type StringMatch,
  type TextSearchValue,
  type TokenSearchValue,
} from '@connector/fhir-search';
import { escapeLike, type SqlBinder } from './sql-binder';

/**
 * `column` starts with `prefix`: the `>=` bound lets both dialects seek the lookup index (a string is never
 * smaller than its prefix in byte order), the LIKE keeps the match exact.
 */
export function startsWith(column: string, prefix: string, binder: SqlBinder): string {
  return `(${column} >= ${binder.bind(prefix)} AND ${column} LIKE ${binder.bind(`${escapeLike(prefix)}%`)} ESCAPE '\\')`;
}

function contains(column: string, text: string, binder: SqlBinder): string {
  return `${column} LIKE ${binder.bind(`%${escapeLike(text)}%`)} ESCAPE '\\'`;
}

/**
 * String rows (https://hl7.org/fhir/R4/search.html#string): default and `:contains` on the folded `normalized`
 * column (case- and accent-insensitive; it keeps 255 characters), `:exact` on the value as written.
 */
export function stringCondition(alias: string, match: StringMatch, value: TextSearchValue, binder: SqlBinder): string {
  switch (match) {
    case 'exact':
      return `${alias}."value" = ${binder.bind(value.text)}`;
    case 'contains':
      return contains(`${alias}."normalized"`, normalizeString(value.text), binder);
    case 'starts-with':
      return startsWith(`${alias}."normalized"`, normalizeString(value.text), binder);
  }
}

/** `code`, `system|code`, `|code` (no system), `system|`. See https://hl7.org/fhir/R4/search.html#token */
export function tokenCondition(alias: string, value: TokenSearchValue, binder: SqlBinder): string {
  const parts: string[] = [];
  if (value.code !== undefined) {
    parts.push(`${alias}."value" = ${binder.bind(value.code)}`);
  }
  if (value.system === null) {
    parts.push(`${alias}."system" IS NULL`);
  } else if (value.system !== undefined) {
    parts.push(`${alias}."system" = ${binder.bind(value.system)}`);
  }
  return parts.length === 0 ? '1 = 1' : `(${parts.join(' AND ')})`;
}

/**
 * `:text`: the folded display/text starts with the folded search text, or one of its words does (so
 * `:text=pressure` finds "Blood pressure"). See https://hl7.org/fhir/R4/search.html#modifiers
 */
export function tokenTextCondition(alias: string, value: TextSearchValue, binder: SqlBinder): string {
  const text = normalizeString(value.text);
  const column = `${alias}."text"`;
  return `(${startsWith(column, text, binder)} OR ${column} LIKE ${binder.bind(`% ${escapeLike(text)}%`)} ESCAPE '\\')`;
}

/** `:of-type=system|code|value`: one identifier row carries its type coding and value. */
export function ofTypeCondition(alias: string, value: IdentifierOfTypeSearchValue, binder: SqlBinder): string {
  return (
    `(${alias}."type_system" = ${binder.bind(value.system)} AND ${alias}."type_code" = ${binder.bind(value.code)} ` +
    `AND ${alias}."value" = ${binder.bind(value.value)})`
  );
}

/**
 * Reference rows (https://hl7.org/fhir/R4/search.html#reference): a local value by target type (when known) and
 * id, whatever form the stored reference had; an absolute URL elsewhere by the stored string; `:identifier` by
 * Reference.identifier. A version in the value is ignored (the index keeps current targets only).
 */
export function referenceCondition(alias: string, value: ReferenceSearchValue, binder: SqlBinder): string {
  switch (value.kind) {
    case 'local':
      return value.resourceType === undefined
        ? `${alias}."target_id" = ${binder.bind(value.id)}`
        : `(${alias}."target_type" = ${binder.bind(value.resourceType)} AND ${alias}."target_id" = ${binder.bind(value.id)})`;
    case 'absolute':
      return `${alias}."reference" = ${binder.bind(value.url)}`;
    case 'identifier': {
      const parts: string[] = [];
      if (value.value !== undefined) {
        parts.push(`${alias}."identifier_value" = ${binder.bind(value.value)}`);
      }
      if (value.system === null) {
        parts.push(`${alias}."identifier_system" IS NULL`);
      } else if (value.system !== undefined) {
        parts.push(`${alias}."identifier_system" = ${binder.bind(value.system)}`);
      }
      return parts.length === 0 ? `${alias}."identifier_value" IS NOT NULL` : `(${parts.join(' AND ')})`;
    }
  }
}

/**
 * Uri rows (https://hl7.org/fhir/R4/search.html#uri): exact; `:below` = the stored uri starts with the value;
 * `:above` = the value starts with the stored uri.
 */
export function uriCondition(
  alias: string,
  modifier: 'none' | 'below' | 'above',
  value: TextSearchValue,
  binder: SqlBinder,
): string {
  const column = `${alias}."value"`;
  switch (modifier) {
    case 'none':
      return `${column} = ${binder.bind(value.text)}`;
    case 'below':
      return startsWith(column, value.text, binder);
    case 'above':
      return `${column} = substr(CAST(${binder.bind(value.text)} AS text), 1, length(${column}))`;
  }
}
