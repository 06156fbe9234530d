/*
 * Numbers written with their exact XML text (`1.50`, not `1.5`) without lossless-json's stringify, which cost more
 * than the whole XML parse (~60 µs of ~100 µs per resource on the bench corpus). Node 20 has no JSON.rawJSON, so a
 * number travels through the native JSON.stringify as a string marked with U+0000 and is unquoted afterwards. The mark
 * cannot collide with content: XML 1.0 cannot carry U+0000 at all, not even as a character reference, and the parser
 * refuses it (https://www.w3.org/TR/xml/#charsets), so no string read from XML holds one.
 */
const MARK = '\u0000';
const MARKED = /"\\u0000([^"]*)"/g;

/** A validated JSON number lexeme as a value for {@link stringifyWithNumbers}. */
export function jsonNumber(lexeme: string): string {
  return MARK + lexeme;
}

/** `JSON.stringify(value)` with every {@link jsonNumber} written as a bare number. */
export function stringifyWithNumbers(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\u0000') ? json.replace(MARKED, '$1') : json;
}
