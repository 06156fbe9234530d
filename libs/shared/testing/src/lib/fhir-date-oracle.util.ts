/*
 * A test oracle for FHIR date search (https://hl7.org/fhir/R4/search.html#date), written without `Date` and without
 * the engine so that property specs can check the engine against it: a date text as the half-open range of epoch
 * milliseconds its precision covers, and the prefix table over such ranges.
 */

/** Comparison prefixes of https://hl7.org/fhir/R4/search.html#prefix. */
export type OraclePrefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';

export type OraclePrecision = 'year' | 'month' | 'day' | 'minute' | 'second' | 'millisecond';

/** A half-open [low, high) interval of epoch ms; an open end (a Period without start or end) is ±Infinity. */
export interface OracleInterval {
  readonly low: number;
  readonly high: number;
}

export interface OracleRange extends OracleInterval {
  readonly precision: OraclePrecision;
}

// The R4 dateTime regex (https://hl7.org/fhir/R4/datatypes.html#dateTime: year 0000 excluded, offsets up to ±14:00),
// loosened where search values may be (seconds and the zone optional) and narrowed in one place: the regex also admits
// a leap second `:60`, which the engine rejects on purpose (date-value.parser.spec), as Date.parse does.
// Day 31 of any month passes the regex; "Dates SHALL be valid dates" is checked by hand below.
const R4_DATE_TIME = new RegExp(
  '^(?<year>[0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)' +
    '(-(?<month>0[1-9]|1[0-2])' +
    '(-(?<day>0[1-9]|[1-2][0-9]|3[0-1])' +
    '(T(?<hour>[01][0-9]|2[0-3]):(?<minute>[0-5][0-9])(:(?<second>[0-5][0-9])(\\.(?<fraction>[0-9]+))?)?' +
    '(?<zone>Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?)?)?)?$',
);

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days of `month` (1–12) in `year` of the proleptic Gregorian calendar. */
export function oracleDaysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** 400 Gregorian years hold 97 leap years. */
const DAYS_PER_400_YEARS = 400 * 365 + 97;

/** Days from 1970-01-01 to year-month-day, by counting whole years and months (no `Date`, no closed formula). */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const cycles = Math.floor((year - 1970) / 400);
  let days = cycles * DAYS_PER_400_YEARS;
  for (let y = 1970 + cycles * 400; y < year; y++) {
    days += isLeapYear(y) ? 366 : 365;
  }
  for (let m = 1; m < month; m++) {
    days += oracleDaysInMonth(year, m);
  }
  return days + day - 1;
}

function precisionOf(groups: Record<string, string | undefined>): OraclePrecision {
  if (groups['fraction'] !== undefined) {
    return 'millisecond';
  }
  if (groups['second'] !== undefined) {
    return 'second';
  }
  return groups['hour'] !== undefined
    ? 'minute'
    : groups['day'] !== undefined
      ? 'day'
      : groups['month']
        ? 'month'
        : 'year';
}

/** Width of the precision's range in ms; fractions finer than a millisecond are widened to the millisecond. */
function widthOf(precision: OraclePrecision, year: number, month: number, fraction: string | undefined): number {
  switch (precision) {
    case 'year':
      return (isLeapYear(year) ? 366 : 365) * DAY;
    case 'month':
      return oracleDaysInMonth(year, month) * DAY;
    case 'day':
      return DAY;
    case 'minute':
      return MINUTE;
    case 'second':
      return SECOND;
    case 'millisecond':
      return 10 ** Math.max(0, 3 - (fraction ?? '').length);
  }
}

function zoneOffset(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') {
    return 0;
  }
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * MINUTE;
}

/**
 * The range a FHIR date/dateTime/instant text covers, or undefined when it is not one. A text without a zone is
 * read as UTC (the engine's documented choice; the spec leaves it to the server).
 */
export function oracleDateRange(text: string): OracleRange | undefined {
  const groups = R4_DATE_TIME.exec(text)?.groups;
  if (!groups) {
    return undefined;
  }
  const num = (name: string, absent: number) => (groups[name] === undefined ? absent : Number(groups[name]));
  const [year, month, day] = [num('year', 0), num('month', 1), num('day', 1)];
  if (day > oracleDaysInMonth(year, month)) {
    return undefined;
  }
  const fraction = groups['fraction'];
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const low =
    daysSinceEpoch(year, month, day) * DAY +
    num('hour', 0) * 60 * MINUTE +
    num('minute', 0) * MINUTE +
    num('second', 0) * SECOND +
    millis -
    zoneOffset(groups['zone']);
  const precision = precisionOf(groups);
  return { low, high: low + widthOf(precision, year, month, fraction), precision };
}

const overlaps = (a: OracleInterval, b: OracleInterval): boolean => Math.max(a.low, b.low) < Math.min(a.high, b.high);
const contains = (outer: OracleInterval, inner: OracleInterval): boolean =>
  outer.low <= inner.low && inner.high <= outer.high;

/** `ap` widens the search range by this share of the gap between now and the searched date (the spec's advice). */
const APPROXIMATION = 0.1;

/** The search range `ap` accepts overlaps with: widened by 10 % of the gap to `now` (rounded to the ms) each side. */
export function oracleApproximateRange(search: OracleInterval, now: number): OracleInterval {
  const margin = Math.round(Math.abs(now - search.low) * APPROXIMATION);
  return { low: search.low - margin, high: search.high + margin };
}

/**
 * Whether a target value matches `prefix` + search value, as the R4 prefix table words it for ranges
 * (https://hl7.org/fhir/R4/search.html#prefix): eq = the search range contains the target; gt/lt = the range above /
 * below the search range overlaps it; sa/eb = it does not overlap the search range and lies in the range above /
 * below; ap = it overlaps {@link oracleApproximateRange}.
 */
export function oracleDateMatches(
  prefix: OraclePrefix,
  search: OracleInterval,
  target: OracleInterval,
  now: number,
): boolean {
  const above: OracleInterval = { low: search.high, high: Infinity };
  const below: OracleInterval = { low: -Infinity, high: search.low };
  switch (prefix) {
    case 'eq':
      return contains(search, target);
    case 'ne':
      return !contains(search, target);
    case 'gt':
      return overlaps(above, target);
    case 'lt':
      return overlaps(below, target);
    case 'ge':
      return overlaps(above, target) || contains(search, target);
    case 'le':
      return overlaps(below, target) || contains(search, target);
    case 'sa':
      return !overlaps(search, target) && contains(above, target);
    case 'eb':
      return !overlaps(search, target) && contains(below, target);
    case 'ap':
      return overlaps(oracleApproximateRange(search, now), target);
  }
}
