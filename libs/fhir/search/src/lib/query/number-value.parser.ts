import { splitUnescaped, unescapeSearchValue } from './escape.util';
import { splitPrefix } from './prefix.util';
import { InvalidSearchValueError } from './search-query.errors';
import type { NumberSearchValue, QuantitySearchValue } from './search-value.types';

const NUMBER_PATTERN = /^[+-]?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Rounds away binary noise (5.4 - 0.05 = 5.3500000000000005) so boundaries are the decimals the spec states. */
function clean(value: number): number {
  return Number(value.toPrecision(15));
}

/**
 * Parses `[prefix]number`; the implicit range is ± half a unit of the last significant digit: `100` →
 * [99.5, 100.5), `100.00` → [99.995, 100.005), `1e2` (one significant figure) → [50, 150). The R4 table prints
 * [95, 105) for `1e2`, which contradicts its own "1 significant figure"; we follow the rule.
 * See https://hl7.org/fhir/R4/search.html#number
 */
export function parseNumberValue(raw: string): NumberSearchValue {
  const { prefix, rest } = splitPrefix(raw);
  const match = NUMBER_PATTERN.exec(rest);
  if (!match) {
    throw new InvalidSearchValueError(`"${raw}" is not a number`);
  }
  const [, , fraction, exponent] = match;
  const value = Number(rest);
  const half = 0.5 * 10 ** (Number(exponent ?? 0) - (fraction ?? '').length);
  return { type: 'number', prefix, value, low: clean(value - half), high: clean(value + half) };
}

/**
 * Parses `[prefix]value[|system|code]` (`5.4|http://unitsofmeasure.org|mg`, `5.4||mg`, `le5.4`).
 * See https://hl7.org/fhir/R4/search.html#quantity
 */
export function parseQuantityValue(raw: string): QuantitySearchValue {
  const parts = splitUnescaped(raw, '|');
  if (parts.length !== 1 && parts.length !== 3) {
    throw new InvalidSearchValueError(`"${raw}" is not a quantity (expected [prefix]value|system|code)`);
  }
  const [numberPart, systemPart, codePart] = parts;
  let number: NumberSearchValue;
  try {
    number = parseNumberValue(numberPart);
  } catch {
    throw new InvalidSearchValueError(`"${raw}" is not a quantity (expected [prefix]value|system|code)`);
  }
  const system = systemPart ? unescapeSearchValue(systemPart) : undefined;
  const code = codePart ? unescapeSearchValue(codePart) : undefined;
  return { ...number, type: 'quantity', ...(system === undefined ? {} : { system }), ...(code === undefined ? {} : { code }) };
}
