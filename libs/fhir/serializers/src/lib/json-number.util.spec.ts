import { jsonNumber, stringifyWithNumbers } from './json-number.util';

describe('stringifyWithNumbers', () => {
  it('writes marked numbers as bare lexemes, exactly as given', () => {
    expect(stringifyWithNumbers({ a: jsonNumber('1.50'), b: [jsonNumber('-0.0e+10'), null, 'x'], c: true })).toBe(
      '{"a":1.50,"b":[-0.0e+10,null,"x"],"c":true}',
    );
  });

  it('leaves strings alone, even ones spelling the mark or quoting numbers', () => {
    const value = { a: '\\u0000 1', b: '"\\u00001"', c: '1.50', d: '"' };
    expect(JSON.parse(stringifyWithNumbers(value))).toEqual(value);
  });
});
