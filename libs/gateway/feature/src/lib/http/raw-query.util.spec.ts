import { FhirError } from '@connector/fhir-outcomes';
import { rawQueryParams } from './raw-query.util';

describe(rawQueryParams.name, () => {
  it('is empty without a query string', () => {
    expect(rawQueryParams('/fhir/Patient')).toEqual([]);
    expect(rawQueryParams('/fhir/Patient?')).toEqual([]);
  });

  it('keeps repeated names in order, once per occurrence', () => {
    expect(rawQueryParams('/fhir/Observation?date=ge2020&code=a&date=lt2021')).toEqual([
      ['date', 'ge2020'],
      ['code', 'a'],
      ['date', 'lt2021'],
    ]);
  });

  it('decodes + as a space and percent escapes, in names and values, after splitting', () => {
    expect(rawQueryParams('/x?name=Mary+Ann&code%3Atext=a%26b%3Dc&system=http%3A%2F%2Floinc.org%7C1234-5')).toEqual([
      ['name', 'Mary Ann'],
      ['code:text', 'a&b=c'],
      ['system', 'http://loinc.org|1234-5'],
    ]);
    expect(rawQueryParams('/x?given=Ren%C3%A9e&plus=%2B1')).toEqual([
      ['given', 'Renée'],
      ['plus', '+1'],
    ]);
  });

  it('reads a name without = as an empty value and skips empty pieces', () => {
    expect(rawQueryParams('/x?a&&b=1&c=')).toEqual([
      ['a', ''],
      ['b', '1'],
      ['c', ''],
    ]);
  });

  it('keeps a value containing = whole', () => {
    expect(rawQueryParams('/x?_cursor=abc==')).toEqual([['_cursor', 'abc==']]);
  });

  it.each(['%E0%A4%A', '100%', '%zz'])('refuses the malformed escape %s with a 400', (value) => {
    let thrown: unknown;
    try {
      rawQueryParams(`/x?name=${value}`);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FhirError);
    expect((thrown as FhirError).status).toBe(400);
  });
});
