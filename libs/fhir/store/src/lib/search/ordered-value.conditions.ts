import {
  type DateSearchValue,
  type NumberSearchValue,
  type QuantitySearchValue,
  type SearchPrefix,
  UCUM_SYSTEM,
  ucumCanonicalForm,
} from '@connector/fhir-search';
import type { SqlBinder } from './sql-binder';

/** `ap` widens the value by this fraction (of the gap to now for dates, of the value for numbers). */
const APPROXIMATE_FRACTION = 0.1;

/**
 * A date row [low, high) (null = open end) against a search range [L, H), per the R4 prefix table
 * (https://hl7.org/fhir/R4/search.html#prefix): eq = the search range contains the row's; gt/lt = the range above
 * H / below L overlaps the row's; ge/le = gt/lt or eq; sa = the row starts at or after H; eb = it ends at or
 * before L; ne = not eq; ap = the row overlaps [L, H) widened by 10 % of the distance from L to now on each side.
 */
export function dateCondition(alias: string, value: DateSearchValue, binder: SqlBinder, now = Date.now()): string {
  const low = `${alias}."low"`;
  const high = `${alias}."high"`;
  const eq = () => `(${low} >= ${binder.bind(value.low)} AND ${high} <= ${binder.bind(value.high)})`;
  const gt = () => `(${high} IS NULL OR ${high} > ${binder.bind(value.high)})`;
  const lt = () => `(${low} IS NULL OR ${low} < ${binder.bind(value.low)})`;
  switch (value.prefix) {
    case 'eq':
      return eq();
    case 'ne':
      return `(${low} IS NULL OR ${high} IS NULL OR ${low} < ${binder.bind(value.low)} OR ${high} > ${binder.bind(value.high)})`;
    case 'gt':
      return gt();
    case 'lt':
      return lt();
    case 'ge':
      return `(${gt()} OR ${eq()})`;
    case 'le':
      return `(${lt()} OR ${eq()})`;
    case 'sa':
      return `${low} >= ${binder.bind(value.high)}`;
    case 'eb':
      return `${high} <= ${binder.bind(value.low)}`;
    case 'ap': {
      const margin = Math.round(Math.abs(now - value.low) * APPROXIMATE_FRACTION);
      return (
        `((${low} IS NULL OR ${low} < ${binder.bind(value.high + margin)}) AND ` +
        `(${high} IS NULL OR ${high} > ${binder.bind(value.low - margin)}))`
      );
    }
  }
}

const unconverted = (operand: number) => operand;

/**
 * A number column against a number search value (https://hl7.org/fhir/R4/search.html#number): eq/ne use the
 * value's implicit precision range [low, high); gt/lt/ge/le compare with the value as written; sa/eb act as gt/lt
 * (a number has no extent); ap = within ±10 % of the value (and at least its precision range). Every bound is
 * worked out in the units the value was written in, then passed through `convert` (strictly increasing, e.g. to
 * canonical UCUM units), so the precision range and the ±10 % keep their meaning in the column's units.
 */
export function numberCondition(
  column: string,
  value: NumberSearchValue | QuantitySearchValue,
  binder: SqlBinder,
  convert: (operand: number) => number = unconverted,
): string {
  const compare = (operator: string, operand: number) => `${column} ${operator} ${binder.bind(convert(operand))}`;
  const prefix: SearchPrefix = value.prefix;
  switch (prefix) {
    case 'eq':
      return `(${compare('>=', value.low)} AND ${compare('<', value.high)})`;
    case 'ne':
      return `(${compare('<', value.low)} OR ${compare('>=', value.high)})`;
    case 'gt':
    case 'sa':
      return compare('>', value.value);
    case 'lt':
    case 'eb':
      return compare('<', value.value);
    case 'ge':
      return compare('>=', value.value);
    case 'le':
      return compare('<=', value.value);
    case 'ap': {
      const margin = Math.abs(value.value) * APPROXIMATE_FRACTION;
      const low = Math.min(value.low, value.value - margin);
      const high = Math.max(value.high, value.value + margin);
      return `(${compare('>=', low)} AND ${compare('<=', high)})`;
    }
  }
}

/**
 * A quantity row (https://hl7.org/fhir/R4/search.html#quantity). With a UCUM system and a unit that converts, the
 * row's canonical value is compared in canonical units, so `5.4|http://unitsofmeasure.org|mg` finds 0.0054 g: the
 * bounds (the written precision range for eq) are converted, never the written value alone. Otherwise the number
 * comparison runs on the value as written (Range rows, value null, never match a number) plus the system and code
 * when the search names them; a code without system matches Quantity.code or Quantity.unit.
 */
export function quantityCondition(alias: string, value: QuantitySearchValue, binder: SqlBinder): string {
  const canonical =
    value.system === UCUM_SYSTEM && value.code !== undefined ? ucumCanonicalForm(value.code) : undefined;
  if (canonical !== undefined) {
    return (
      `(${alias}."canonical_unit" = ${binder.bind(canonical.unit)} AND ` +
      `${numberCondition(`${alias}."canonical_value"`, value, binder, canonical.toCanonical)})`
    );
  }
  const parts = [numberCondition(`${alias}."value"`, value, binder)];
  if (value.system !== undefined) {
    parts.push(`${alias}."system" = ${binder.bind(value.system)}`);
    if (value.code !== undefined) {
      parts.push(`${alias}."unit_code" = ${binder.bind(value.code)}`);
    }
  } else if (value.code !== undefined) {
    parts.push(`(${alias}."unit_code" = ${binder.bind(value.code)} OR ${alias}."unit" = ${binder.bind(value.code)})`);
  }
  return `(${parts.join(' AND ')})`;
}
