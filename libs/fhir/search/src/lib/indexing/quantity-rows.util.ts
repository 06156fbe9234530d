import type { Quantity, Range } from 'fhir/r4';
import type { TypedValue } from './fhirpath-evaluator';
import type { NumberIndexRow, QuantityIndexRow } from './index-rows.types';
import { UCUM_SYSTEM, ucumCanonicalForm } from './ucum-canonical.util';

// Age, Duration, Distance, Count, Money and SimpleQuantity are Quantity profiles: same shape, same index. (Money has
// `currency` instead of a unit; it becomes the code with the ISO 4217 system.)
const QUANTITY_TYPES = new Set(['Quantity', 'SimpleQuantity', 'Age', 'Duration', 'Distance', 'Count', 'MoneyQuantity']);

const NOT_CANONICAL = { canonicalValue: null, canonicalUnit: null };

/** Only UCUM-coded units convert: a unit in another system (or only in `unit`) keeps exact matching. */
function canonical(value: number, system: string | undefined, unitCode: string | undefined) {
  const form = system === UCUM_SYSTEM && unitCode !== undefined ? ucumCanonicalForm(unitCode) : undefined;
  const canonicalValue = form?.toCanonical(value);
  return form && canonicalValue !== undefined && Number.isFinite(canonicalValue)
    ? { canonicalValue, canonicalUnit: form.unit }
    : NOT_CANONICAL;
}

function quantityRow(code: string, quantity: Quantity): QuantityIndexRow | undefined {
  if (typeof quantity.value !== 'number') {
    return undefined;
  }
  return {
    code,
    value: quantity.value,
    valueText: String(quantity.value),
    low: quantity.value,
    high: quantity.value,
    comparator: quantity.comparator ?? null,
    system: quantity.system ?? null,
    unitCode: quantity.code ?? null,
    unit: quantity.unit ?? null,
    ...canonical(quantity.value, quantity.system, quantity.code),
  };
}

function moneyRow(code: string, money: { value?: number; currency?: string }): QuantityIndexRow | undefined {
  const system = money.currency ? 'urn:iso:std:iso:4217' : undefined;
  return quantityRow(code, { value: money.value, system, code: money.currency, unit: money.currency });
}

/** A Range is one row spanning [low, high] in the unit of whichever bound has one; value stays null. */
function rangeRow(code: string, range: Range): QuantityIndexRow | undefined {
  const unitOf = range.low ?? range.high;
  if (typeof range.low?.value !== 'number' && typeof range.high?.value !== 'number') {
    return undefined;
  }
  return {
    code,
    value: null,
    valueText: null,
    low: range.low?.value ?? null,
    high: range.high?.value ?? null,
    comparator: null,
    system: unitOf?.system ?? null,
    unitCode: unitOf?.code ?? null,
    unit: unitOf?.unit ?? null,
    // A Range (value null) matches no quantity search yet, so it gets no canonical form either.
    ...NOT_CANONICAL,
  };
}

/**
 * Quantity index rows for Quantity and its profiles (Age, Duration, SimpleQuantity…), Money and Range; UCUM
 * quantities also in canonical units. See https://hl7.org/fhir/R4/search.html#quantity
 */
export function quantityRows(code: string, value: TypedValue): QuantityIndexRow[] {
  if (typeof value.data !== 'object' || value.data === null) {
    return [];
  }
  let row: QuantityIndexRow | undefined;
  if (value.type === 'Range') {
    row = rangeRow(code, value.data as Range);
  } else if (value.type === 'Money') {
    row = moneyRow(code, value.data as { value?: number; currency?: string });
  } else if (value.type === undefined || QUANTITY_TYPES.has(value.type)) {
    row = quantityRow(code, value.data as Quantity);
  }
  return row ? [row] : [];
}

/** Number index rows for integer/decimal values. See https://hl7.org/fhir/R4/search.html#number */
export function numberRows(code: string, value: TypedValue): NumberIndexRow[] {
  const number = typeof value.data === 'object' && value.data !== null ? Number(value.data) : value.data;
  return typeof number === 'number' && Number.isFinite(number)
    ? [{ code, value: number, valueText: String(number) }]
    : [];
}
