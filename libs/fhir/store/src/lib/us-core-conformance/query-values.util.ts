import type { DatePrefix, QueryValue, ReferenceForm } from './conformance-query.types';
import type { Accessor, Json } from './oracle-accessors.constants';
import { localReference } from './oracle-match.util';
import type { Interval } from './oracle-values.util';

/*
 * Search values taken from a real resource, varied by `index` so that the seeds of one case exercise different
 * spellings: `system|code` and bare codes, `Type/id`, bare ids and absolute references, whole strings and prefixes in
 * another case, dates at second precision in two time zones and at day precision.
 */

const REFERENCE_FORMS: readonly ReferenceForm[] = ['type/id', 'id', 'absolute'];
const LOCAL_REFERENCE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

function tokenValue(accessor: Accessor & { type: 'token' }, resource: Json, index: number): QueryValue | undefined {
  const tokens = accessor.read(resource);
  const picked = tokens[index % Math.max(tokens.length, 1)];
  if (picked === undefined) {
    return undefined;
  }
  return picked.system !== undefined && index % 2 === 0
    ? { type: 'token', system: picked.system, code: picked.code }
    : { type: 'token', code: picked.code };
}

/** The first local reference to a type the parameter allows. */
export function referenceTarget(accessor: Accessor & { type: 'reference' }, resource: Json) {
  for (const reference of accessor.read(resource)) {
    const [, targetType, id] = LOCAL_REFERENCE.exec(localReference(reference)) ?? [];
    if (targetType !== undefined && (accessor.targets.includes(targetType) || accessor.targets.includes('*'))) {
      return { targetType, id };
    }
  }
  return undefined;
}

function referenceValue(accessor: Accessor & { type: 'reference' }, resource: Json, index: number) {
  const target = referenceTarget(accessor, resource);
  // A bare id is only unambiguous when the parameter has one target type.
  const form = accessor.targets.length === 1 ? REFERENCE_FORMS[index % REFERENCE_FORMS.length] : 'type/id';
  return target === undefined ? undefined : ({ type: 'reference', ...target, form } as const);
}

function stringValue(accessor: Accessor & { type: 'string' }, resource: Json, index: number): QueryValue | undefined {
  const texts = accessor.read(resource).filter((text) => text.trim() !== '');
  const text = texts[index % Math.max(texts.length, 1)];
  if (text === undefined) {
    return undefined;
  }
  const variants = [text, text.slice(0, 3).toUpperCase(), text.slice(0, Math.ceil(text.length / 2)).toLowerCase()];
  return { type: 'string', text: variants[index % variants.length] };
}

/** The instant a date query is built around: a finite end of the resource's first range, alternating. */
export function dateBoundary(intervals: readonly Interval[], index: number): number | undefined {
  const first = intervals[0];
  if (first === undefined) {
    return undefined;
  }
  const ends = [first.low, first.high].filter(Number.isFinite);
  return ends[index % ends.length];
}

const pad = (value: number) => String(Math.abs(value)).padStart(2, '0');

/** `YYYY-MM-DDThh:mm:ss±hh:mm`: the precision US Core requires clients to send ("second + time offset"). */
export function secondText(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${local}${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
export const dayText = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

const DAY_MS = 86_400_000;

/**
 * Date search texts around `boundary`: exactly it at second precision in UTC and at -05:00 (the edge cases of
 * gt/ge/lt/le), its UTC day, and the days before and after (so that gt and lt also find the seed itself).
 */
export function dateTexts(boundary: number): string[] {
  return [
    secondText(boundary, 0),
    secondText(boundary, -300),
    dayText(boundary - DAY_MS),
    dayText(boundary),
    dayText(boundary + DAY_MS),
  ];
}

/** A value of `accessor` taken from `resource`, or undefined when the resource has none. */
export function seedValue(accessor: Accessor, resource: Json, index: number): QueryValue | undefined {
  switch (accessor.type) {
    case 'token':
      return tokenValue(accessor, resource, index);
    case 'reference':
      return referenceValue(accessor, resource, index);
    case 'string':
      return stringValue(accessor, resource, index);
    case 'date': {
      const boundary = dateBoundary(accessor.read(resource), index);
      // Without a comparator: the day (even seeds) or the month (odd seeds) of the boundary, matched as eq.
      return boundary === undefined
        ? undefined
        : { type: 'date', prefix: 'eq' as DatePrefix, text: dayText(boundary).slice(0, index % 2 === 0 ? 10 : 7) };
    }
  }
}

/** A value of the parameter's type that nothing in the data has. */
export function noSuchValue(accessor: Accessor): QueryValue {
  switch (accessor.type) {
    case 'token':
      return { type: 'token', system: 'http://example.org/no-such-system', code: 'no-such-code' };
    case 'reference':
      return { type: 'reference', targetType: accessor.targets[0] ?? 'Patient', id: 'no-such-id', form: 'type/id' };
    case 'string':
      return { type: 'string', text: 'Zqxjv' };
    case 'date':
      return { type: 'date', prefix: 'eq', text: '1800-01-01' };
  }
}
