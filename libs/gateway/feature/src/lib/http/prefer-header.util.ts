/**
 * Whether a `Prefer` header asks for `handling=lenient` (unknown search parameters ignored rather than refused).
 * Preferences are comma- or semicolon-separated tokens, case-insensitive. See https://hl7.org/fhir/R4/search.html#errors
 */
export function prefersLenientHandling(prefer: string | string[] | undefined): boolean {
  const values = Array.isArray(prefer) ? prefer : [prefer ?? ''];
  return values
    .flatMap((value) => value.split(/[,;]/))
    .some((preference) => preference.replace(/\s+/g, '').toLowerCase() === 'handling=lenient');
}
