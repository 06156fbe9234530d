/**
 * Splits `value` on `separator` where it is not escaped with a backslash; pieces keep their escapes (unescape
 * them with {@link unescapeSearchValue} once fully split). See https://hl7.org/fhir/R4/search.html#escaping
 */
export function splitUnescaped(value: string, separator: ',' | '|' | '$'): string[] {
  const pieces: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '\\' && i + 1 < value.length) {
      current += char + value[i + 1];
      i++;
    } else if (char === separator) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  pieces.push(current);
  return pieces;
}

/** Removes the search escapes `\,` `\|` `\$` `\\`; any other backslash is literal. */
export function unescapeSearchValue(value: string): string {
  return value.replace(/\\([,|$\\])/g, '$1');
}
