import { dateInterval, dateMatches, foldText, periodInterval, type Interval } from './oracle-values.util';

// The oracle's own rules, checked against the worked examples of https://hl7.org/fhir/R4/search.html#date.

const utc = (...parts: [number, number, number, number?, number?, number?]) =>
  Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0);

describe(dateInterval.name, () => {
  it('covers the whole month of 2013-01 ("[2013-01-01T00:00, 2013-02-01T00:00)")', () => {
    expect(dateInterval('2013-01')).toEqual({ low: utc(2013, 1, 1), high: utc(2013, 2, 1) });
  });

  it('reads a time zone and the precision of seconds and fractions', () => {
    expect(dateInterval('2013-01-14T10:00:00+05:00')).toEqual({
      low: utc(2013, 1, 14, 5),
      high: utc(2013, 1, 14, 5, 0, 1),
    });
    expect(dateInterval('2013-01-14T10:00:00.5Z').high - dateInterval('2013-01-14T10:00:00.5Z').low).toBe(100);
    expect(dateInterval('2013-01-14T10:00-05:00')).toEqual({
      low: utc(2013, 1, 14, 15),
      high: utc(2013, 1, 14, 15, 1),
    });
  });

  it('refuses what is not a FHIR date', () => {
    expect(() => dateInterval('14/01/2013')).toThrow('not a FHIR date');
  });
});

describe(periodInterval.name, () => {
  it('runs from the start of start to the end of end, open where a side is missing', () => {
    expect(periodInterval({ start: '2013-01-10', end: '2013-01-20' })).toEqual([
      { low: utc(2013, 1, 10), high: utc(2013, 1, 21) },
    ]);
    expect(periodInterval({ start: '2013-01-10' })).toEqual([{ low: utc(2013, 1, 10), high: Infinity }]);
    expect(periodInterval({})).toEqual([]);
  });
});

describe(dateMatches.name, () => {
  const day = dateInterval('2013-01-14');
  const match = (target: Interval) =>
    (['eq', 'gt', 'ge', 'lt', 'le'] as const).filter((prefix) => dateMatches(prefix, day, target));

  it('applies the R4 prefix table to a target inside, after, before and around the search range', () => {
    expect(match(dateInterval('2013-01-14T10:00:00Z'))).toEqual(['eq', 'ge', 'le']);
    expect(match(dateInterval('2013-01-15T00:00:00Z'))).toEqual(['gt', 'ge']);
    expect(match(dateInterval('2013-01-13T23:59:59Z'))).toEqual(['lt', 'le']);
    expect(match({ low: utc(2013, 1, 10), high: utc(2013, 1, 21) })).toEqual(['gt', 'ge', 'lt', 'le']);
  });

  it('treats a search at second precision as that one second', () => {
    const second = dateInterval('2013-01-14T10:00:00Z');
    expect(dateMatches('gt', second, dateInterval('2013-01-14T10:00:00Z'))).toBe(false);
    expect(dateMatches('ge', second, dateInterval('2013-01-14T05:00:00-05:00'))).toBe(true);
    expect(dateMatches('gt', second, dateInterval('2013-01-14T10:00:01Z'))).toBe(true);
  });
});

describe(foldText.name, () => {
  it('drops case and accents', () => {
    expect(foldText('Ordóñez')).toBe('ordonez');
  });
});
