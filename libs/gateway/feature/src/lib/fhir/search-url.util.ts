// Characters legal in a query component (RFC 3986 pchar) that encodeURIComponent escapes anyway; FHIR URLs read
// better with them literal (`code:text`, `a,b`, `Patient/1`). `|` stays escaped: RFC 3986 does not allow it.
const KEPT_LITERAL: Readonly<Record<string, string>> = { '%3A': ':', '%2C': ',', '%2F': '/', '%24': '$', '%40': '@' };

function encodeQueryComponent(text: string): string {
  return encodeURIComponent(text).replace(/%3A|%2C|%2F|%24|%40/g, (escape) => KEPT_LITERAL[escape] ?? escape);
}

/**
 * `[fhirBase]/[searchPath]?name=value&…` (`searchPath` = `Observation` or `Patient/1/Observation`), the parameters
 * percent-encoded in order (the Bundle's self and paging links).
 */
export function searchUrl(
  fhirBase: string,
  searchPath: string,
  params: ReadonlyArray<readonly [string, string]>,
): string {
  const query = params.map(([name, value]) => `${encodeQueryComponent(name)}=${encodeQueryComponent(value)}`).join('&');
  return query === '' ? `${fhirBase}/${searchPath}` : `${fhirBase}/${searchPath}?${query}`;
}
