import { fhirDateRange } from '../dates/fhir-date-range.util';
import { splitPrefix } from './prefix.util';
import { InvalidSearchValueError } from './search-query.errors';
import type { DateSearchValue } from './search-value.types';

const DATE_SHAPE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * Parses a date search value (`[prefix]yyyy[-mm[-dd[Thh:mm[:ss[.sss]][tz]]]]`) into the half-open range its
 * precision covers — the same reading the indexer applies to stored values. Rejects impossible dates such as
 * `2020-13-45`. See https://hl7.org/fhir/R4/search.html#date
 */
export function parseDateValue(raw: string): DateSearchValue {
  const { prefix, rest } = splitPrefix(raw);
  if (!DATE_SHAPE.test(rest)) {
    throw new InvalidSearchValueError(`"${raw}" is not a date (expected [prefix]yyyy-mm-ddThh:mm:ss[.sss][Z|±hh:mm])`);
  }
  const range = fhirDateRange(rest);
  if (range === undefined) {
    throw new InvalidSearchValueError(`"${raw}" is not a valid date`);
  }
  return { type: 'date', prefix, low: range.low, high: range.high, precision: range.precision };
}
