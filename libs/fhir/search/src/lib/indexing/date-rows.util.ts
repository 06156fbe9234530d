import type { Period, Timing } from 'fhir/r4';
import { fhirDateRange } from '../dates/fhir-date-range.util';
import type { TypedValue } from './fhirpath-evaluator';
import type { DateIndexRow } from './index-rows.types';

function instantRow(code: string, text: string | undefined): DateIndexRow[] {
  const range = text === undefined ? undefined : fhirDateRange(text);
  return range ? [{ code, low: range.low, high: range.high }] : [];
}

/** A Period covers start's first instant to end's last; a missing side is open (null), as the spec says. */
function periodRows(code: string, period: Period): DateIndexRow[] {
  const start = period.start === undefined ? undefined : fhirDateRange(period.start);
  const end = period.end === undefined ? undefined : fhirDateRange(period.end);
  if (!start && !end) {
    return [];
  }
  return [{ code, low: start?.low ?? null, high: end?.high ?? null }];
}

function timingRows(code: string, timing: Timing): DateIndexRow[] {
  const events = (timing.event ?? []).flatMap((event) => instantRow(code, event));
  const bounds = timing.repeat?.boundsPeriod ? periodRows(code, timing.repeat.boundsPeriod) : [];
  return [...events, ...bounds];
}

/**
 * Date index rows: date/dateTime/instant as the range their precision covers, Period as [start, end], Timing as its
 * event dates (and its bounds period). See https://hl7.org/fhir/R4/search.html#date
 */
export function dateRows(code: string, value: TypedValue): DateIndexRow[] {
  if (typeof value.data === 'string') {
    return instantRow(code, value.data);
  }
  if (typeof value.data !== 'object' || value.data === null) {
    return [];
  }
  if (value.type === 'Period') {
    return periodRows(code, value.data as Period);
  }
  if (value.type === 'Timing') {
    return timingRows(code, value.data as Timing);
  }
  return [];
}
