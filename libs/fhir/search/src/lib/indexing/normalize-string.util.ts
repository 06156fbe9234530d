const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Folds a string the way string search compares it: lower case, accents removed (NFD then combining marks dropped),
 * so `Müller` and `muller` index alike. Both the indexer and the query side must use this one function.
 * See https://hl7.org/fhir/R4/search.html#string
 */
export function normalizeString(value: string): string {
  return value.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}
