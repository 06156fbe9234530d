import { InvalidSearchValueError } from './search-query.errors';
import { parseOfTypeValue, parseTokenValue } from './token-value.parser';

describe('parseTokenValue', () => {
  // https://hl7.org/fhir/R4/search.html#token: "[parameter]=[code]", "[system]|[code]", "|[code]", "[system]|".
  it.each([
    ['ha125', { type: 'token', code: 'ha125' }],
    ['http://acme.org/conditions/codes|ha125', { type: 'token', system: 'http://acme.org/conditions/codes', code: 'ha125' }],
    ['|ha125', { type: 'token', system: null, code: 'ha125' }],
    ['http://acme.org/conditions/codes|', { type: 'token', system: 'http://acme.org/conditions/codes' }],
    ['http://acme.org/patient|2345', { type: 'token', system: 'http://acme.org/patient', code: '2345' }],
    ['a\\|b', { type: 'token', code: 'a|b' }],
    ['urn:x|a\\,b', { type: 'token', system: 'urn:x', code: 'a,b' }],
  ])('reads %s', (raw, expected) => {
    expect(parseTokenValue(raw)).toEqual(expected);
  });

  it.each([['|'], ['a|b|c']])('rejects %j', (raw) => {
    expect(() => parseTokenValue(raw)).toThrow(InvalidSearchValueError);
  });
});

describe('parseOfTypeValue', () => {
  // "GET [base]/Patient?identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|MR|446053"
  it('reads system|code|value', () => {
    expect(parseOfTypeValue('http://terminology.hl7.org/CodeSystem/v2-0203|MR|446053')).toEqual({
      type: 'of-type',
      system: 'http://terminology.hl7.org/CodeSystem/v2-0203',
      code: 'MR',
      value: '446053',
    });
  });

  it.each([['MR|446053'], ['|MR|446053'], ['s|MR|'], ['s|c|v|x']])('rejects %j', (raw) => {
    expect(() => parseOfTypeValue(raw)).toThrow(InvalidSearchValueError);
  });
});
