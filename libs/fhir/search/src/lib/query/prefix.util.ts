import { SEARCH_PREFIXES, type SearchPrefix } from './search-value.types';

const PREFIXES: ReadonlySet<string> = new Set(SEARCH_PREFIXES);

/**
 * Splits a leading comparison prefix off an ordered value (`ge2020` → ge, `2020`); `eq` when there is none.
 * See https://hl7.org/fhir/R4/search.html#prefix
 */
export function splitPrefix(value: string): { prefix: SearchPrefix; rest: string } {
  const candidate = value.slice(0, 2);
  if (PREFIXES.has(candidate)) {
    return { prefix: candidate as SearchPrefix, rest: value.slice(2) };
  }
  return { prefix: 'eq', rest: value };
}
