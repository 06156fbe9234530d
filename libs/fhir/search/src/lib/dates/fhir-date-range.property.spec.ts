import { oracleDateRange, oracleDaysInMonth } from '@connector/shared-testing';
import fc from 'fast-check';
import { parseDateValue } from '../query/date-value.parser';
import { InvalidSearchValueError } from '../query/search-query.errors';
import { SEARCH_PREFIXES } from '../query/search-value.types';
import { fhirDateRange } from './fhir-date-range.util';

/*
 * fhirDateRange against the independent oracle in @connector/shared-testing (plain calendar arithmetic, no Date), plus
 * oracle-free laws of the engine itself. See https://hl7.org/fhir/R4/search.html#date
 */

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Years where calendars go wrong: 0001–0099 (Date reads them as 19xx), century leap rules, the epoch, 9999. */
const year = fc.oneof(
  fc.integer({ min: 1, max: 9999 }),
  fc.constantFrom(1, 4, 99, 100, 400, 1600, 1700, 1900, 1969, 1970, 2000, 2024, 2100, 9999),
);
const zone = fc.oneof(
  fc.constant('Z'),
  fc.constantFrom('+14:00', '-14:00', '+00:00', '-00:00'),
  fc
    .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 59 }))
    .map(([sign, hours, minutes]) => `${sign}${pad(hours)}:${pad(minutes)}`),
);
const time = fc
  .record(
    {
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      fraction: fc.stringMatching(/^[0-9]{1,9}$/),
      zone,
    },
    { requiredKeys: ['hour', 'minute'] },
  )
  .map(({ hour, minute, second, fraction, zone: tz }) => {
    const seconds = second === undefined ? '' : `:${pad(second)}${fraction === undefined ? '' : `.${fraction}`}`;
    return `T${pad(hour)}:${pad(minute)}${seconds}${tz ?? ''}`;
  });

/** A valid FHIR date/dateTime/instant (or search value) of any precision. */
const validDateText = fc
  .tuple(year, fc.integer({ min: 1, max: 12 }))
  .chain(([y, month]) =>
    fc.tuple(
      fc.constant(y),
      fc.constant(month),
      fc.integer({ min: 1, max: oracleDaysInMonth(y, month) }),
      fc.option(time, { nil: '' }),
      fc.integer({ min: 0, max: 3 }),
    ),
  )
  .map(([y, month, day, clock, depth]) =>
    [pad(y, 4), `-${pad(month)}`, `-${pad(day)}`, clock].slice(0, depth + 1).join(''),
  );

/** The same shape with every field a little out of range (month 13, Feb 30, 24:00, +15:00, year 0000…). */
const looseDateText = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1900, 2000, 2023, 2024)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.oneof(fc.integer({ min: 0, max: 61 }), fc.constant(60)),
    zone: fc.oneof(
      zone,
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 12, max: 16 }), fc.integer({ min: 0, max: 61 }))
        .map(([sign, hours, minutes]) => `${sign}${pad(hours)}:${pad(minutes)}`),
      fc.constant(''),
    ),
    depth: fc.integer({ min: 0, max: 4 }),
  })
  .map(({ year: y, month, day, hour, minute, second, zone: tz, depth }) =>
    [pad(y, 4), `-${pad(month)}`, `-${pad(day)}`, `T${pad(hour)}:${pad(minute)}`, `:${pad(second)}`]
      .slice(0, depth + 1)
      .join('')
      .concat(depth >= 3 ? tz : ''),
  );

/** Date-ish noise: the characters dates are made of, in any order. */
const noise = fc.string({ unit: fc.constantFrom(...'0123456789-T:.Z+ '), maxLength: 30 });

const anyDateText = fc.oneof(validDateText, looseDateText, noise);

describe(fhirDateRange.name, () => {
  it('reads every text exactly as the oracle does: the same validity, ends and precision', () => {
    fc.assert(
      fc.property(anyDateText, (text) => {
        expect(fhirDateRange(text)).toEqual(oracleDateRange(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives every accepted text a non-empty range', () => {
    fc.assert(
      fc.property(anyDateText, (text) => {
        const range = fhirDateRange(text);
        fc.pre(range !== undefined);
        expect(range?.low).toBeLessThan(range?.high as number);
      }),
    );
  });

  it('nests: a date’s range contains the range of each of its refinements (in UTC)', () => {
    const utcDateTime = fc
      .tuple(validDateText, fc.integer({ min: 0, max: 23 }), fc.stringMatching(/^[0-9]{1,4}$/))
      .map(([date, hour, fraction]) => `${date.slice(0, 10).padEnd(10, '-01')}T${pad(hour)}:30:59.${fraction}Z`)
      .filter((text) => oracleDateRange(text) !== undefined);
    fc.assert(
      fc.property(utcDateTime, (text) => {
        // yyyy, yyyy-mm, yyyy-mm-dd, …Thh:mm, …Thh:mm:ss, the full text
        const coarser = [4, 7, 10, 16, 19].map((length) => text.slice(0, length));
        const ranges = [...coarser, text].map((part) => fhirDateRange(part));
        for (let i = 1; i < ranges.length; i++) {
          expect(ranges[i - 1]?.low).toBeLessThanOrEqual(ranges[i]?.low as number);
          expect(ranges[i - 1]?.high).toBeGreaterThanOrEqual(ranges[i]?.high as number);
        }
      }),
    );
  });

  it('moves a dateTime with a ±hh:mm offset by exactly that offset from the same wall clock in Z', () => {
    fc.assert(
      fc.property(validDateText, zone, (date, offset) => {
        const wallClock = `${date.slice(0, 10).padEnd(10, '-01')}T12:00:00`;
        const [zoned, utc] = [fhirDateRange(`${wallClock}${offset}`), fhirDateRange(`${wallClock}Z`)];
        fc.pre(zoned !== undefined && utc !== undefined);
        const minutes =
          offset === 'Z'
            ? 0
            : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4)));
        expect(zoned?.low).toBe((utc?.low as number) - minutes * 60_000);
        expect(zoned?.high).toBe((utc?.high as number) - minutes * 60_000);
      }),
    );
  });

  it('tiles: a month is exactly the days it accepts, and each period ends where the next begins', () => {
    fc.assert(
      fc.property(year, fc.integer({ min: 1, max: 12 }), (y, month) => {
        const prefix = `${pad(y, 4)}-${pad(month)}`;
        const days = Array.from({ length: 31 }, (_, i) => fhirDateRange(`${prefix}-${pad(i + 1)}`)).filter(
          (day) => day !== undefined,
        );
        expect(days).toHaveLength(oracleDaysInMonth(y, month));
        days.slice(1).forEach((day, i) => expect(day.low).toBe(days[i].high));
        const whole = fhirDateRange(prefix);
        expect([whole?.low, whole?.high]).toEqual([days[0].low, days[days.length - 1].high]);
        const next = month === 12 ? `${pad(y + 1, 4)}-01` : `${pad(y, 4)}-${pad(month + 1)}`;
        fc.pre(y < 9999 || month < 12);
        expect(fhirDateRange(next)?.low).toBe(whole?.high);
      }),
    );
  });
});

describe(parseDateValue.name, () => {
  it('splits off any prefix and reads the rest as the oracle does, or rejects it as the oracle does', () => {
    const prefix = fc.option(fc.constantFrom(...SEARCH_PREFIXES), { nil: '' });
    fc.assert(
      fc.property(prefix, anyDateText, (written, text) => {
        const expected = oracleDateRange(text);
        if (expected === undefined) {
          expect(() => parseDateValue(`${written}${text}`)).toThrow(InvalidSearchValueError);
        } else {
          expect(parseDateValue(`${written}${text}`)).toEqual({ type: 'date', prefix: written || 'eq', ...expected });
        }
      }),
      { numRuns: 2000 },
    );
  });
});
