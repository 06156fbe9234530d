import { parseNumberValue, parseQuantityValue } from './number-value.parser';
import { InvalidSearchValueError } from './search-query.errors';

describe('parseNumberValue', () => {
  // https://hl7.org/fhir/R4/search.html#number: "[parameter]=100 … searching for values in the range [99.5 … 100.5)",
  // "[parameter]=100.00 … [99.995 … 100.005)".
  it.each([
    ['100', 100, 99.5, 100.5],
    ['100.00', 100, 99.995, 100.005],
    ['0.8', 0.8, 0.75, 0.85],
    ['5.4', 5.4, 5.35, 5.45],
    ['-3', -3, -3.5, -2.5],
    // One significant figure: ± half of 100 (the R4 table's [95, 105) contradicts its own wording).
    ['1e2', 100, 50, 150],
    ['5.40e-3', 0.0054, 0.005395, 0.005405],
  ])('reads %s as %d in [%d, %d)', (raw, value, low, high) => {
    expect(parseNumberValue(raw)).toEqual({ type: 'number', prefix: 'eq', value, low, high });
  });

  // "[parameter]=lt100 Values that are less than exactly 100" (and gt, ge, le, ne).
  it.each([['lt100', 'lt'], ['gt100', 'gt'], ['ge100', 'ge'], ['le100', 'le'], ['ne100', 'ne'], ['ap100', 'ap']])(
    'splits the prefix of %s',
    (raw, prefix) => {
      expect(parseNumberValue(raw)).toMatchObject({ prefix, value: 100 });
    },
  );

  it.each([['abc'], [''], ['1.'], ['.5'], ['1,5'], ['gt'], ['1e'], ['0x10'], ['Infinity']])('rejects %j', (raw) => {
    expect(() => parseNumberValue(raw)).toThrow(InvalidSearchValueError);
  });
});

describe('parseQuantityValue', () => {
  // https://hl7.org/fhir/R4/search.html#quantity examples.
  it('reads "5.4|http://unitsofmeasure.org|mg" with system and code', () => {
    expect(parseQuantityValue('5.4|http://unitsofmeasure.org|mg')).toEqual({
      type: 'quantity',
      prefix: 'eq',
      value: 5.4,
      low: 5.35,
      high: 5.45,
      system: 'http://unitsofmeasure.org',
      code: 'mg',
    });
  });

  it('reads "5.4||mg" as any system', () => {
    const value = parseQuantityValue('5.4||mg');
    expect(value).toMatchObject({ value: 5.4, code: 'mg' });
    expect(value.system).toBeUndefined();
  });

  it('reads "5.4" as any unit', () => {
    expect(parseQuantityValue('5.4')).toEqual({ type: 'quantity', prefix: 'eq', value: 5.4, low: 5.35, high: 5.45 });
  });

  it.each([
    ['le5.4|http://unitsofmeasure.org|mg', 'le'],
    ['ap5.4|http://unitsofmeasure.org|mg', 'ap'],
  ])('splits the prefix of %s', (raw, prefix) => {
    expect(parseQuantityValue(raw)).toMatchObject({ prefix, value: 5.4, code: 'mg' });
  });

  it('reads "5.40e-3|http://unitsofmeasure.org|g"', () => {
    expect(parseQuantityValue('5.40e-3|http://unitsofmeasure.org|g')).toMatchObject({ value: 0.0054, code: 'g' });
  });

  it('unescapes a unit containing an escaped bar', () => {
    expect(parseQuantityValue('1||a\\|b')).toMatchObject({ code: 'a|b' });
  });

  it.each([['abc'], ['5.4|mg'], ['5.4|a|b|c'], ['|http://unitsofmeasure.org|mg'], ['abc||mg']])('rejects %j', (raw) => {
    expect(() => parseQuantityValue(raw)).toThrow(InvalidSearchValueError);
  });
});
