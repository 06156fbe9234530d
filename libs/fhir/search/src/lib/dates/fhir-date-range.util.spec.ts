import { fhirDateRange } from './fhir-date-range.util';

// Expected bounds are written as ISO instants and read by Date.parse, not by the code under test.
const at = (iso: string) => Date.parse(iso);

describe(fhirDateRange.name, () => {
  it('covers the whole year for a year', () => {
    expect(fhirDateRange('2013')).toMatchObject({ low: at('2013-01-01T00:00:00Z'), high: at('2014-01-01T00:00:00Z') });
  });

  it('covers the whole month for a month, including December and February of a leap year', () => {
    expect(fhirDateRange('2013-03')).toMatchObject({
      low: at('2013-03-01T00:00:00Z'),
      high: at('2013-04-01T00:00:00Z'),
    });
    expect(fhirDateRange('2013-12')).toMatchObject({
      low: at('2013-12-01T00:00:00Z'),
      high: at('2014-01-01T00:00:00Z'),
    });
    expect(fhirDateRange('2016-02-29')).toMatchObject({
      low: at('2016-02-29T00:00:00Z'),
      high: at('2016-03-01T00:00:00Z'),
    });
  });

  it('covers one day for a date, read as UTC', () => {
    expect(fhirDateRange('2013-03-14')).toMatchObject({
      low: at('2013-03-14T00:00:00Z'),
      high: at('2013-03-15T00:00:00Z'),
    });
  });

  it('applies the timezone offset of a dateTime and covers its second', () => {
    expect(fhirDateRange('2013-03-14T10:20:30+05:00')).toMatchObject({
      low: at('2013-03-14T05:20:30Z'),
      high: at('2013-03-14T05:20:31Z'),
    });
    expect(fhirDateRange('2013-03-14T23:30:00-03:30')).toMatchObject({
      low: at('2013-03-15T03:00:00Z'),
      high: at('2013-03-15T03:00:01Z'),
    });
  });

  it('covers the precision of an instant’s fraction', () => {
    expect(fhirDateRange('2015-02-07T13:28:17.239+02:00')).toMatchObject({
      low: at('2015-02-07T11:28:17.239Z'),
      high: at('2015-02-07T11:28:17.240Z'),
    });
    expect(fhirDateRange('2015-02-07T13:28:17.5Z')).toMatchObject({
      low: at('2015-02-07T13:28:17.500Z'),
      high: at('2015-02-07T13:28:17.600Z'),
    });
  });

  it('covers a minute when seconds are omitted (search values may)', () => {
    expect(fhirDateRange('2013-03-14T10:20Z')).toMatchObject({
      low: at('2013-03-14T10:20:00Z'),
      high: at('2013-03-14T10:21:00Z'),
    });
  });

  it.each(['2020-13-45', '2020-02-30', 'foo', '20200101', '2020-01-01T25:00:00Z', ''])('rejects %p', (text) => {
    expect(fhirDateRange(text)).toBeUndefined();
  });

  it('names the precision of the text, the width of its last written digit', () => {
    const precisions = [
      '2013',
      '2013-03',
      '2013-03-14',
      '2013-03-14T10:00',
      '2013-03-14T10:00:05Z',
      '2013-03-14T10:00:05.5Z',
    ].map((text) => fhirDateRange(text)?.precision);
    expect(precisions).toEqual(['year', 'month', 'day', 'minute', 'second', 'millisecond']);
  });

  it('rejects an impossible timezone offset', () => {
    expect(fhirDateRange('2013-03-14T10:00:00+15:00')).toBeUndefined();
  });
});
