/** A half-open [low, high) interval of epoch milliseconds. */
export interface EpochRange {
  readonly low: number;
  readonly high: number;
}

// year[-month[-day[Thh:mm[:ss[.fff]][zone]]]]: the R4 date, dateTime and instant forms, plus hh:mm which search
// values may use. Seconds without a fraction are the usual stored precision.
const FHIR_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

const MINUTE = 60_000;
const DAY = 86_400_000;

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z') {
    return 0;
  }
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/** Width of the last written digit of a time: 1 s for `:05`, 100 ms for `.5`, 1 ms at best (epoch ms resolution). */
function timeWidth(seconds: string | undefined, fraction: string | undefined): number {
  if (seconds === undefined) {
    return MINUTE;
  }
  if (fraction === undefined) {
    return 1000;
  }
  return Math.max(1, 10 ** (3 - fraction.length));
}

/**
 * The instants a FHIR date, dateTime or instant covers, honouring its precision: `2013` → [2013-01-01, 2014-01-01),
 * `2013-03` → the month, `2013-03-14` → the day, `…T10:00:00+05:00` → that second. Values without a zone (dates, and
 * dateTimes that omit it against the spec's advice) are read as UTC so the index does not depend on the server's
 * zone. Undefined when the text is not a valid FHIR date.
 * See https://hl7.org/fhir/R4/search.html#date
 */
export function fhirDateRange(text: string): EpochRange | undefined {
  const match = FHIR_DATE.exec(text);
  if (!match) {
    return undefined;
  }
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = mo === undefined ? undefined : Number(mo) - 1;
  const day = d === undefined ? undefined : Number(d);
  if ((month !== undefined && month > 11) || (day !== undefined && (day < 1 || day > daysIn(year, month ?? 0)))) {
    return undefined;
  }
  if (month === undefined) {
    return { low: Date.UTC(year, 0, 1), high: Date.UTC(year + 1, 0, 1) };
  }
  if (day === undefined) {
    return { low: Date.UTC(year, month, 1), high: Date.UTC(year, month + 1, 1) };
  }
  if (h === undefined) {
    const low = Date.UTC(year, month, day);
    return { low, high: low + DAY };
  }
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const local = Date.UTC(year, month, day, Number(h), Number(mi), Number(s ?? 0), millis);
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) {
    return undefined;
  }
  const low = local - offsetMinutes(zone) * MINUTE;
  return { low, high: low + timeWidth(s, fraction) };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}
