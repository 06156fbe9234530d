import type { Address, CodeableConcept, Coding, HumanName, Identifier, Period } from 'fhir/r4';
import type { DatePrefix } from './conformance-query.types';

/*
 * Plain readers of FHIR R4 datatypes for the oracle, written from https://hl7.org/fhir/R4/datatypes.html and
 * https://hl7.org/fhir/R4/search.html without the engine's indexer or FHIRPath.
 */

/** A token as search sees it: Coding system+code, Identifier system+value, or a bare code. */
export interface Token {
  readonly system?: string;
  readonly code: string;
}

/** A half-open [low, high) range of epoch milliseconds; an open Period end is ±Infinity. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** Codings without a code cannot match a token search. */
export function codingTokens(codings: readonly (Coding | undefined)[] | undefined): Token[] {
  return (codings ?? [])
    .filter((coding): coding is Coding & { code: string } => typeof coding?.code === 'string')
    .map((coding) =>
      coding.system === undefined ? { code: coding.code } : { system: coding.system, code: coding.code },
    );
}

export function conceptTokens(concepts: readonly (CodeableConcept | undefined)[] | undefined): Token[] {
  return (concepts ?? []).flatMap((concept) => codingTokens(concept?.coding));
}

/** A `code` element (status, gender, intent): no system in the resource; see the token section of the README. */
export function codeTokens(code: unknown): Token[] {
  return typeof code === 'string' ? [{ code }] : [];
}

export function identifierTokens(identifiers: readonly Identifier[] | undefined): Token[] {
  return (identifiers ?? [])
    .filter((identifier) => typeof identifier.value === 'string')
    .map((identifier) => ({ system: identifier.system, code: identifier.value as string }));
}

/** Case- and accent-insensitive form: NFD, combining marks dropped, lower case. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

const strings = (...values: unknown[]): string[] =>
  values.flat().filter((value): value is string => typeof value === 'string');

/** Every string part of HumanNames: R4 `name` "may match any of the string fields in the HumanName". */
export function humanNameStrings(names: readonly HumanName[] | undefined): string[] {
  return (names ?? []).flatMap((name) => strings(name.family, name.given, name.prefix, name.suffix, name.text));
}

/** Every string part of Addresses: R4 `address` "may match any of the string fields in the Address". */
export function addressStrings(addresses: readonly Address[] | undefined): string[] {
  return (addresses ?? []).flatMap((address) =>
    strings(
      address.line,
      address.city,
      address.district,
      address.state,
      address.postalCode,
      address.country,
      address.text,
    ),
  );
}

const DATE_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

function offsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') {
    return 0;
  }
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
}

/**
 * The range a date, dateTime or instant covers at its precision (https://hl7.org/fhir/R4/search.html#date: "the
 * date 2013-01 … is the interval [2013-01-01T00:00, 2013-02-01T00:00)"). A text without a zone is read as UTC:
 * the spec leaves it to the server and the store documents UTC. Date.UTC is safe here: every year is four-digit ≥ 1900.
 */
export function dateInterval(text: string): Interval {
  const match = DATE_TIME.exec(text);
  if (match === null) {
    throw new Error(`oracle: not a FHIR date/dateTime: ${text}`);
  }
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const [year, month, day] = [Number(y), mo === undefined ? 0 : Number(mo) - 1, d === undefined ? 1 : Number(d)];
  if (mo === undefined) {
    return { low: Date.UTC(year, 0, 1), high: Date.UTC(year + 1, 0, 1) };
  }
  if (d === undefined) {
    return { low: Date.UTC(year, month, 1), high: Date.UTC(year, month + 1, 1) };
  }
  if (h === undefined) {
    return { low: Date.UTC(year, month, day), high: Date.UTC(year, month, day + 1) };
  }
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const low =
    Date.UTC(year, month, day, Number(h), Number(mi), s === undefined ? 0 : Number(s), millis) - offsetMs(zone);
  const width = s === undefined ? 60_000 : fraction === undefined ? 1000 : 10 ** Math.max(0, 3 - fraction.length);
  return { low, high: low + width };
}

/** A Period from the start of its start to the end of its end; a missing end is ongoing, a missing start unbounded. */
export function periodInterval(period: Period | undefined): Interval[] {
  if (period?.start === undefined && period?.end === undefined) {
    return [];
  }
  return [
    {
      low: period.start === undefined ? -Infinity : dateInterval(period.start).low,
      high: period.end === undefined ? Infinity : dateInterval(period.end).high,
    },
  ];
}

export function dateIntervals(...texts: unknown[]): Interval[] {
  return texts.filter((text): text is string => typeof text === 'string').map(dateInterval);
}

/**
 * The R4 prefix table (https://hl7.org/fhir/R4/search.html#prefix), for a search range S and a target range T:
 * eq "the range of the search value fully contains the range of the target value"; gt "the range above the search
 * value intersects (i.e. overlaps) with the range of the target value"; lt the same below; ge / le: gt / lt, "or the
 * range of the search value fully contains the range of the target value".
 */
export function dateMatches(prefix: DatePrefix, search: Interval, target: Interval): boolean {
  const contains = search.low <= target.low && target.high <= search.high;
  // [search.high, ∞) overlaps [target.low, target.high) exactly when the target reaches past search.high.
  const above = target.high > search.high;
  // (-∞, search.low) overlaps the target exactly when the target starts before search.low.
  const below = target.low < search.low;
  switch (prefix) {
    case 'eq':
      return contains;
    case 'gt':
      return above;
    case 'lt':
      return below;
    case 'ge':
      return above || contains;
    case 'le':
      return below || contains;
  }
}
