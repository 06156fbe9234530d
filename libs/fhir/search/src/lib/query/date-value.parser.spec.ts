import { parseDateValue } from './date-value.parser';
import { InvalidSearchValueError } from './search-query.errors';

const at = (iso: string): number => Date.parse(iso);

describe('parseDateValue', () => {
  // https://hl7.org/fhir/R4/search.html#date: "the date parameter format is yyyy-mm-ddThh:mm:ss[Z|(+|-)hh:mm]"
  // and a value stands for the whole range its precision covers.
  it.each([
    ['2013', 'year', '2013-01-01T00:00:00Z', '2014-01-01T00:00:00Z'],
    ['2013-02', 'month', '2013-02-01T00:00:00Z', '2013-03-01T00:00:00Z'],
    ['2016-02', 'month', '2016-02-01T00:00:00Z', '2016-03-01T00:00:00Z'],
    ['2013-12', 'month', '2013-12-01T00:00:00Z', '2014-01-01T00:00:00Z'],
    ['2013-01-14', 'day', '2013-01-14T00:00:00Z', '2013-01-15T00:00:00Z'],
    ['2013-12-31', 'day', '2013-12-31T00:00:00Z', '2014-01-01T00:00:00Z'],
    ['2013-01-14T10:00', 'minute', '2013-01-14T10:00:00Z', '2013-01-14T10:01:00Z'],
    ['2013-01-14T10:00:05', 'second', '2013-01-14T10:00:05Z', '2013-01-14T10:00:06Z'],
    ['2013-01-14T10:00:05.123Z', 'millisecond', '2013-01-14T10:00:05.123Z', '2013-01-14T10:00:05.124Z'],
    ['2013-01-14T10:00:05.1Z', 'millisecond', '2013-01-14T10:00:05.100Z', '2013-01-14T10:00:05.200Z'],
    ['2013-01-14T10:00:05.123456Z', 'millisecond', '2013-01-14T10:00:05.123Z', '2013-01-14T10:00:05.124Z'],
    ['2013-01-14T10:00:00+10:00', 'second', '2013-01-14T00:00:00Z', '2013-01-14T00:00:01Z'],
    ['2013-01-14T10:00-05:30', 'minute', '2013-01-14T15:30:00Z', '2013-01-14T15:31:00Z'],
    ['2013-01-14T23:59:59Z', 'second', '2013-01-14T23:59:59Z', '2013-01-15T00:00:00Z'],
    ['2020-02-29', 'day', '2020-02-29T00:00:00Z', '2020-03-01T00:00:00Z'],
  ])('reads %s as a %s range [%s, %s)', (raw, precision, low, high) => {
    expect(parseDateValue(raw)).toEqual({ type: 'date', prefix: 'eq', precision, low: at(low), high: at(high) });
  });

  it('reads years below 100 as themselves, not 19xx', () => {
    const value = parseDateValue('0050');
    expect(new Date(value.low).toISOString()).toBe('0050-01-01T00:00:00.000Z');
    expect(new Date(value.high).toISOString()).toBe('0051-01-01T00:00:00.000Z');
  });

  // "[parameter]=eq2013-01-14 … ne2013-01-14 … lt2013-01-14T10:00 … gt2013-01-14T10:00 … ge2013-03-14 … le2013-03-14"
  it.each([
    ['eq2013-01-14', 'eq', '2013-01-14T00:00:00Z'],
    ['ne2013-01-14', 'ne', '2013-01-14T00:00:00Z'],
    ['lt2013-01-14T10:00', 'lt', '2013-01-14T10:00:00Z'],
    ['gt2013-01-14T10:00', 'gt', '2013-01-14T10:00:00Z'],
    ['ge2013-03-14', 'ge', '2013-03-14T00:00:00Z'],
    ['le2013-03-14', 'le', '2013-03-14T00:00:00Z'],
    ['sa2013-03-14', 'sa', '2013-03-14T00:00:00Z'],
    ['eb2013-03-14', 'eb', '2013-03-14T00:00:00Z'],
    ['ap2013-03-14', 'ap', '2013-03-14T00:00:00Z'],
  ])('splits the prefix of %s', (raw, prefix, low) => {
    expect(parseDateValue(raw)).toMatchObject({ prefix, low: at(low) });
  });

  it.each([
    ['2020-13-45'],
    ['2020-13'],
    ['2020-00'],
    ['2021-02-29'],
    ['2020-04-31'],
    ['2020-01-01T24:00'],
    ['2020-01-01T10:60'],
    ['2020-01-01T10:00:60'],
    ['2020-01-01T10:00+15:00'],
    ['foo'],
    ['20'],
    ['2020-1-1'],
    ['2020-01-01T10'],
    ['xx2020'],
    ['ge'],
    ['2020-01-01 10:00'],
  ])('rejects %s', (raw) => {
    expect(() => parseDateValue(raw)).toThrow(InvalidSearchValueError);
  });
});
