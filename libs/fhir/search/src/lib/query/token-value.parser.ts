import { splitUnescaped, unescapeSearchValue } from './escape.util';
import { InvalidSearchValueError } from './search-query.errors';
import type { IdentifierOfTypeSearchValue, TokenSearchValue } from './search-value.types';

/**
 * Parses `code`, `system|code`, `|code` or `system|`. See https://hl7.org/fhir/R4/search.html#token
 */
export function parseTokenValue(raw: string): TokenSearchValue {
  const parts = splitUnescaped(raw, '|');
  if (parts.length > 2) {
    throw new InvalidSearchValueError(`"${raw}" is not a token (expected code, system|code, |code or system|)`);
  }
  if (parts.length === 1) {
    return { type: 'token', code: unescapeSearchValue(parts[0]) };
  }
  const [system, code] = parts;
  if (system === '' && code === '') {
    throw new InvalidSearchValueError(`"${raw}" has neither a system nor a code`);
  }
  return {
    type: 'token',
    system: system === '' ? null : unescapeSearchValue(system),
    ...(code === '' ? {} : { code: unescapeSearchValue(code) }),
  };
}

/**
 * Parses `:of-type` values `system|code|value` (Identifier.type coding and Identifier.value, all three required).
 * See https://hl7.org/fhir/R4/search.html#token
 */
export function parseOfTypeValue(raw: string): IdentifierOfTypeSearchValue {
  const parts = splitUnescaped(raw, '|');
  if (parts.length !== 3 || parts.some((part) => part === '')) {
    throw new InvalidSearchValueError(`"${raw}" is not an identifier type and value (expected system|code|value)`);
  }
  const [system, code, value] = parts.map(unescapeSearchValue);
  return { type: 'of-type', system, code, value };
}
