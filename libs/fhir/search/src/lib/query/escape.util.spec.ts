import { splitUnescaped, unescapeSearchValue } from './escape.util';

describe('splitUnescaped', () => {
  // https://hl7.org/fhir/R4/search.html#escaping:
  // "GET [base]/ValueSet?url=http://acme.org/fhir/ValueSet/123,http://acme.org/fhir/ValueSet/124\,ValueSet/125"
  it('splits on commas that are not escaped', () => {
    expect(
      splitUnescaped('http://acme.org/fhir/ValueSet/123,http://acme.org/fhir/ValueSet/124\\,ValueSet/125', ','),
    ).toEqual(['http://acme.org/fhir/ValueSet/123', 'http://acme.org/fhir/ValueSet/124\\,ValueSet/125']);
  });

  it.each([
    ['a|b\\|c|d', '|', ['a', 'b\\|c', 'd']],
    ['a$b\\$c', '$', ['a', 'b\\$c']],
    ['a\\\\,b', ',', ['a\\\\', 'b']],
    ['a,', ',', ['a', '']],
    ['a\\', ',', ['a\\']],
  ] as const)('splits %j on %s', (value, separator, expected) => {
    expect(splitUnescaped(value, separator)).toEqual(expected);
  });
});

describe('unescapeSearchValue', () => {
  it.each([
    ['124\\,ValueSet/125', '124,ValueSet/125'],
    ['a\\|b\\$c\\\\d', 'a|b$c\\d'],
    ['C:\\temp', 'C:\\temp'],
  ])('unescapes %j', (value, expected) => {
    expect(unescapeSearchValue(value)).toBe(expected);
  });
});
