import { splitPrefix } from './prefix.util';
import { InvalidSearchValueError } from './search-query.errors';
import type { DatePrecision, DateSearchValue } from './search-value.types';

// yyyy[-mm[-dd[Thh:mm[:ss[.fff…]][Z|±hh:mm]]]]: the FHIR date/dateTime/instant grammar at any search precision.
const DATE_PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Epoch ms of a UTC wall-clock time; setUTCFullYear keeps years 0–99 from being read as 19xx. */
function utc(year: number, monthIndex: number, day = 1, hour = 0, minute = 0, second = 0, ms = 0): number {
  const date = new Date(Date.UTC(2000, monthIndex, day, hour, minute, second, ms));
  date.setUTCFullYear(year, monthIndex, day);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month, 0)).getUTCDate();
}

/** Offset of `Z`/`±hh:mm` in minutes (0 when absent: values without a timezone are read as UTC). */
function offsetMinutes(zone: string | undefined, raw: string): number {
  if (zone === undefined || zone === 'Z') {
    return 0;
  }
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 14 || minutes > 59) {
    throw new InvalidSearchValueError(`"${raw}" has an invalid timezone offset`);
  }
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function precisionOf(month?: string, day?: string, second?: string, fraction?: string, hour?: string): DatePrecision {
  if (fraction !== undefined) {
    return 'millisecond';
  }
  if (second !== undefined) {
    return 'second';
  }
  if (hour !== undefined) {
    return 'minute';
  }
  if (day !== undefined) {
    return 'day';
  }
  return month !== undefined ? 'month' : 'year';
}

/**
 * Parses a date search value (`[prefix]yyyy[-mm[-dd[Thh:mm[:ss[.sss]][tz]]]]`) into the half-open range its
 * precision covers. Rejects impossible dates such as `2020-13-45`. See https://hl7.org/fhir/R4/search.html#date
 */
export function parseDateValue(raw: string): DateSearchValue {
  const { prefix, rest } = splitPrefix(raw);
  const match = DATE_PATTERN.exec(rest);
  if (!match) {
    throw new InvalidSearchValueError(`"${raw}" is not a date (expected [prefix]yyyy-mm-ddThh:mm:ss[.sss][Z|±hh:mm])`);
  }
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const [hour, minute, second] = [h, mi, s].map((part) => (part === undefined ? 0 : Number(part)));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new InvalidSearchValueError(`"${raw}" is not a valid date`);
  }
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const shift = offsetMinutes(zone, raw) * MINUTE_MS;
  const low = utc(year, month - 1, day, hour, minute, second, ms) - shift;
  const precision = precisionOf(mo, d, s, fraction, h);
  return { type: 'date', prefix, low, high: highOf(precision, low, year, month, fraction), precision };
}

/** End (exclusive) of the range that starts at `low` with the given precision. */
function highOf(precision: DatePrecision, low: number, year: number, month: number, fraction?: string): number {
  switch (precision) {
    case 'year':
      return utc(year + 1, 0);
    case 'month':
      return utc(year, month);
    case 'day':
      return low + DAY_MS;
    case 'minute':
      return low + MINUTE_MS;
    case 'second':
      return low + 1000;
    case 'millisecond':
      // .1 covers 100 ms, .12 10 ms; more than 3 digits is below what we store, so 1 ms.
      return low + Math.max(1, 10 ** (3 - (fraction ?? '').length));
  }
}
