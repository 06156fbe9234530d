import { searchParameter } from '@connector/fhir-search-parameters';
import { parseSearchQuery } from './search-query.parser';
import { pairsOf, parse, rejectionOf, TEST_BASE_URL } from './search-query.test-util';

describe('parseCompositeValue', () => {
  // https://hl7.org/fhir/R4/search.html#composite:
  // "GET [base]/Observation?code-value-quantity=http://loinc.org|2823-3$gt5.4|http://unitsofmeasure.org|mmol/L"
  it('parses each part by its component type', () => {
    expect(parse('Observation', 'code-value-quantity=http://loinc.org|2823-3$gt5.4|http://unitsofmeasure.org|mmol/L').filters[0]).toMatchObject({
      condition: {
        type: 'composite',
        values: [
          {
            type: 'composite',
            components: [
              { code: 'code', value: { type: 'token', system: 'http://loinc.org', code: '2823-3' } },
              { code: 'value-quantity', value: { type: 'quantity', prefix: 'gt', value: 5.4, system: 'http://unitsofmeasure.org', code: 'mmol/L' } },
            ],
          },
        ],
      },
    });
  });

  it('ORs comma-separated composites: component-code-value-quantity=http://loinc.org|8480-6$lt60,http://loinc.org|8462-4$gt90', () => {
    const [filter] = parse('Observation', 'component-code-value-quantity=http://loinc.org|8480-6$lt60,http://loinc.org|8462-4$gt90').filters;
    expect(filter).toMatchObject({
      code: 'component-code-value-quantity',
      condition: {
        values: [
          { components: [{ code: 'component-code', value: { code: '8480-6' } }, { code: 'component-value-quantity', value: { prefix: 'lt', value: 60 } }] },
          { components: [{ value: { code: '8462-4' } }, { value: { prefix: 'gt', value: 90 } }] },
        ],
      },
    });
  });

  it('keeps an escaped $ inside a part', () => {
    expect(parse('Observation', 'code-value-quantity=urn:x|a\\$b$5').filters[0]).toMatchObject({
      condition: { values: [{ components: [{ value: { system: 'urn:x', code: 'a$b' } }, { value: { value: 5 } }] }] },
    });
  });

  it.each([
    // relatesto is a reference parameter, relation a token (R4 DocumentReference-relationship, the real table).
    [
      'DocumentReference',
      'relationship=DocumentReference/123$replaces',
      [
        { code: 'relatesto', value: { type: 'reference', kind: 'local', resourceType: 'DocumentReference', id: '123' } },
        { code: 'relation', value: { type: 'token', code: 'replaces' } },
      ],
    ],
    [
      'MolecularSequence',
      'chromosome-variant-coordinate=1$gt22125500$lt22125510',
      [
        { code: 'chromosome', value: { type: 'token', code: '1' } },
        { code: 'variant-start', value: { type: 'number', prefix: 'gt', value: 22125500 } },
        { code: 'variant-end', value: { type: 'number', prefix: 'lt', value: 22125510 } },
      ],
    ],
  ])('parses %s?%s by the types of the R4 components', (resourceType, query, components) => {
    const request = parseSearchQuery({
      resourceType,
      params: pairsOf(query),
      lookup: searchParameter,
      baseUrl: TEST_BASE_URL,
    });
    expect(request.filters[0]).toMatchObject({ condition: { type: 'composite', values: [{ components }] } });
  });

  it.each([
    ['code-value-quantity=http://loinc.org|2823-3', 'needs 2 parts separated by $'],
    ['code-value-quantity=a$1$2', 'needs 2 parts separated by $'],
    ['code-value-quantity=http://loinc.org|2823-3$abc', '"abc" is not a quantity'],
    ['code-value-quantity=$5', 'empty "code" part'],
    ['code-value-quantity:exact=a$5', 'modifier ":exact" is not supported on a composite parameter'],
  ])('rejects Observation?%s', (query, why) => {
    const rejection = rejectionOf('Observation', query);
    expect(rejection.text).toContain(why);
    expect(rejection.text).toContain('"code-value-quantity');
  });
});
