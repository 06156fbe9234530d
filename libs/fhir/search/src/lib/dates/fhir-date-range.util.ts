/*
 * One reading of FHIR date/dateTime/instant text as the half-open range its precision covers, shared by the indexer
 * (stored values) and the query parser (search values) so that the two can never disagree on a boundary.
 */

/** Precision of a FHIR date text: the width of its last written digit. */
export type DatePrecision = 'year' | 'month' | 'day' | 'minute' | 'second' | 'millisecond';

/** A half-open [low, high) interval of epoch milliseconds, and the precision it came from. */
export interface EpochRange {
  readonly low: number;
  readonly high: number;
  readonly precision: DatePrecision;
}

// yyyy[-mm[-dd[Thh:mm[:ss[.fff…]][Z|±hh:mm]]]]: the R4 date, dateTime and instant forms at any precision (search
// values may stop at hh:mm).
const FHIR_DATE =
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

/** Offset of `Z`/`±hh:mm` in minutes (0 when absent: values without a zone are read as UTC); undefined if invalid. */
function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z') {
    return 0;
  }
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 14 || minutes > 59 || (hours === 14 && minutes > 0)) {
    return undefined;
  }
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function precisionOf(parts: {
  month?: string;
  day?: string;
  hour?: string;
  second?: string;
  fraction?: string;
}): DatePrecision {
  if (parts.fraction !== undefined) {
    return 'millisecond';
  }
  if (parts.second !== undefined) {
    return 'second';
  }
  if (parts.hour !== undefined) {
    return 'minute';
  }
  if (parts.day !== undefined) {
    return 'day';
  }
  return parts.month !== undefined ? 'month' : 'year';
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

/**
 * The range a FHIR date text covers: `2013` → the year, `2013-03` → the month, `2013-03-14` → the day,
 * `…T10:00:00+05:00` → that second. Values without a zone are read as UTC so results do not depend on the server's
 * zone. Undefined when the text is not a valid FHIR date (e.g. `2020-13-45`).
 * See https://hl7.org/fhir/R4/search.html#date
 */
export function fhirDateRange(text: string): EpochRange | undefined {
  const match = FHIR_DATE.exec(text);
  if (!match) {
    return undefined;
  }
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const [hour, minute, second] = [h, mi, s].map((part) => (part === undefined ? 0 : Number(part))) as [
    number,
    number,
    number,
  ];
  const offset = offsetMinutes(zone);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  // Year 0000 has the shape, but the R4 regex excludes it.
  if (year === 0 || offset === undefined) {
    return undefined;
  }
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const low = utc(year, month - 1, day, hour, minute, second, ms) - offset * MINUTE_MS;
  const precision = precisionOf({ month: mo, day: d, hour: h, second: s, fraction });
  return { low, high: highOf(precision, low, year, month, fraction), precision };
}
