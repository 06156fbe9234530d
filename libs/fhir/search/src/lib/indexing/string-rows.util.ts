import type { Address, HumanName } from 'fhir/r4';
import type { TypedValue } from './fhirpath-evaluator';
import type { StringIndexRow } from './index-rows.types';
import { normalizeString } from './normalize-string.util';

function texts(value: TypedValue): string[] {
  if (typeof value.data === 'string') {
    return [value.data];
  }
  if (value.type === 'HumanName') {
    const name = value.data as HumanName;
    return [name.text, name.family, ...(name.given ?? []), ...(name.prefix ?? []), ...(name.suffix ?? [])].filter(
      isText,
    );
  }
  if (value.type === 'Address') {
    const address = value.data as Address;
    const parts = [address.text, ...(address.line ?? []), address.city, address.district, address.state];
    return [...parts, address.postalCode, address.country].filter(isText);
  }
  return [];
}

function isText(value: string | undefined): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * String index rows: each searchable part of a HumanName or Address (any part may match, per the spec) or the
 * string itself. See https://hl7.org/fhir/R4/search.html#string
 */
export function stringRows(code: string, value: TypedValue): StringIndexRow[] {
  return texts(value).map((text) => ({ code, value: text, normalized: normalizeString(text) }));
}
