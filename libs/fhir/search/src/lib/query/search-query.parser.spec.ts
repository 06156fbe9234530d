import { parseSearchQuery } from './search-query.parser';
import { testDefinition, testLookup } from './search-parameters.fixture';
import { TEST_BASE_URL, parse, rejectionOf } from './search-query.test-util';

const at = (iso: string): number => Date.parse(iso);

describe('parseSearchQuery', () => {
  describe('parameters by type', () => {
    it('reads a string parameter as starts-with by default ("given=eve" matches Eve and Evelyn)', () => {
      expect(parse('Patient', 'given=eve').filters).toEqual([
        {
          kind: 'parameter',
          code: 'given',
          definition: testDefinition('Patient', 'given'),
          condition: { type: 'string', match: 'starts-with', values: [{ type: 'text', text: 'eve' }] },
        },
      ]);
    });

    it.each([
      ['given:exact=Eve', 'exact', 'Eve'],
      ['given:contains=eve', 'contains', 'eve'],
      ['name=peter', 'starts-with', 'peter'],
      ['family=O%27Brien\\,Jr', 'starts-with', "O%27Brien,Jr"],
    ])('reads %s', (query, match, text) => {
      expect(parse('Patient', query).filters[0]).toMatchObject({ condition: { type: 'string', match, values: [{ text }] } });
    });

    it.each([
      ['gender=male', 'none', [{ type: 'token', code: 'male' }]],
      ['gender:not=male', 'not', [{ type: 'token', code: 'male' }]],
      ['identifier=http://acme.org/patient|2345', 'none', [{ type: 'token', system: 'http://acme.org/patient', code: '2345' }]],
      ['_tag=http://acme.org/tags|1,|2', 'none', [{ type: 'token', system: 'http://acme.org/tags', code: '1' }, { type: 'token', system: null, code: '2' }]],
      ['identifier:text=MRN', 'text', [{ type: 'text', text: 'MRN' }]],
      ['identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|MR|446053', 'of-type', [{ type: 'of-type', system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', value: '446053' }]],
      ['_security:in=http://acme.org/vs', 'in', [{ type: 'text', text: 'http://acme.org/vs' }]],
    ])('reads the token parameter %s', (query, modifier, values) => {
      expect(parse('Patient', query).filters[0]).toMatchObject({ condition: { type: 'token', modifier, values } });
    });

    it.each([
      ['code=http://acme.org/conditions/codes|ha125', 'none'],
      ['code:below=http://snomed.info/sct|235862008', 'below'],
      ['code:above=http://snomed.info/sct|3738000', 'above'],
    ])('reads the Observation token %s', (query, modifier) => {
      expect(parse('Observation', query).filters[0]).toMatchObject({ condition: { type: 'token', modifier } });
    });

    it('reads "code:in=http://snomed.info/sct?fhir_vs=isa/126851005" as a value set URL', () => {
      expect(parse('Observation', 'code:in=http://snomed.info/sct?fhir_vs=isa/126851005').filters[0]).toMatchObject({
        condition: { type: 'token', modifier: 'in', values: [{ type: 'text', text: 'http://snomed.info/sct?fhir_vs=isa/126851005' }] },
      });
    });

    it('reads date, number and quantity values with their prefixes', () => {
      const [birthdate, lastUpdated] = parse('Patient', 'birthdate=ge1970-01&_lastUpdated=lt2020-01-01T10:00:00Z').filters;
      expect(birthdate).toMatchObject({ condition: { type: 'date', values: [{ prefix: 'ge', low: at('1970-01-01T00:00:00Z'), high: at('1970-02-01T00:00:00Z') }] } });
      expect(lastUpdated).toMatchObject({ condition: { type: 'date', values: [{ prefix: 'lt', low: at('2020-01-01T10:00:00Z') }] } });
      expect(parse('RiskAssessment', 'probability=gt0.8').filters[0]).toMatchObject({ condition: { type: 'number', values: [{ prefix: 'gt', value: 0.8 }] } });
      expect(parse('Observation', 'value-quantity=le5.4|http://unitsofmeasure.org|mg').filters[0]).toMatchObject({
        condition: { type: 'quantity', values: [{ prefix: 'le', value: 5.4, system: 'http://unitsofmeasure.org', code: 'mg' }] },
      });
    });

    it.each([
      ['Encounter', 'date=2015-01'],
      ['Condition', 'onset-date=le2020-02-29T23:59:59Z'],
    ])('reads %s %s as a date', (resourceType, query) => {
      expect(parse(resourceType, query).filters[0]).toMatchObject({ condition: { type: 'date' } });
    });

    it('reads uri parameters with :below and :above, and escaped commas', () => {
      expect(parse('ValueSet', 'url:below=http://acme.org/fhir/').filters[0]).toMatchObject({ condition: { type: 'uri', modifier: 'below' } });
      // https://hl7.org/fhir/R4/search.html#escaping
      expect(parse('ValueSet', 'url=http://acme.org/fhir/ValueSet/123,http://acme.org/fhir/ValueSet/124\\,ValueSet/125').filters[0]).toMatchObject({
        condition: {
          type: 'uri',
          modifier: 'none',
          values: [{ text: 'http://acme.org/fhir/ValueSet/123' }, { text: 'http://acme.org/fhir/ValueSet/124,ValueSet/125' }],
        },
      });
      expect(parse('Patient', '_profile=http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient').filters[0]).toMatchObject({ condition: { type: 'uri' } });
    });

    it.each([['gender:missing=true', true], ['birthdate:missing=false', false], ['general-practitioner:missing=true', true]])(
      'reads %s',
      (query, missing) => {
        expect(parse('Patient', query).filters[0]).toMatchObject({ condition: { type: 'missing', missing } });
      },
    );

    it('keeps special parameters as text', () => {
      expect(parse('Location', 'near=42.256|-83.694|11.20|km').filters[0]).toMatchObject({
        condition: { type: 'special', values: [{ text: '42.256|-83.694|11.20|km' }] },
      });
    });
  });

  describe('AND and OR', () => {
    // "Patient?given=a,b" is OR; "Patient?given=a&given=b" is AND. https://hl7.org/fhir/R4/search.html#combining
    it('makes one filter per occurrence and one value per comma', () => {
      const request = parse('Patient', 'given=a,b&given=c&_id=1,2');
      expect(request.filters.map((filter) => filter.kind === 'parameter' && filter.condition)).toEqual([
        { type: 'string', match: 'starts-with', values: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
        { type: 'string', match: 'starts-with', values: [{ type: 'text', text: 'c' }] },
        { type: 'token', modifier: 'none', values: [{ type: 'token', code: '1' }, { type: 'token', code: '2' }] },
      ]);
    });

    it('ANDs a date range: "date=ge2013-01-01&date=lt2014-01-01"', () => {
      expect(parse('Observation', 'date=ge2013-01-01&date=lt2014-01-01').filters).toHaveLength(2);
    });

    it('ignores a parameter with an empty value', () => {
      expect(parse('Patient', 'name=&gender=male').filters).toHaveLength(1);
    });
  });

  describe('strict errors', () => {
    it.each([
      ['Patient', 'foo=bar', 'Unknown search parameter "foo" for Patient'],
      ['Patient', 'birthdate=foo', 'Invalid search parameter "birthdate": "foo" is not a date'],
      ['Observation', 'date=2020-13-45', 'Invalid search parameter "date": "2020-13-45" is not a valid date'],
      ['Observation', 'value-quantity=abc', 'Invalid search parameter "value-quantity": "abc" is not a quantity'],
      ['Patient', '_count=-1', 'Invalid search parameter "_count": "-1" is not a non-negative integer'],
      ['Patient', 'name:foo=x', 'Invalid search parameter "name:foo": modifier ":foo" is not supported on a string parameter'],
      ['Patient', 'gender:exact=male', 'Invalid search parameter "gender:exact": modifier ":exact" is not supported'],
      ['Patient', 'birthdate:exact=2020', 'Invalid search parameter "birthdate:exact": modifier ":exact" is not supported'],
      ['Patient', 'gender:of-type=a|b|c', 'Invalid search parameter "gender:of-type": modifier ":of-type" is not supported'],
      ['Patient', 'name:exact:contains=x', 'Invalid search parameter "name:exact:contains"'],
      ['Patient', 'gender:missing=maybe', 'Invalid search parameter "gender:missing": :missing takes true or false'],
      ['Patient', 'given=a,,b', 'Invalid search parameter "given": empty value in "a,,b"'],
      ['Patient', 'identifier=a|b|c', 'Invalid search parameter "identifier": "a|b|c" is not a token'],
      ['Patient', 'identifier:of-type=MR|446053', 'Invalid search parameter "identifier:of-type": "MR|446053" is not an identifier'],
      ['Patient', '_lastUpdated=gt2020-01-01T10:00+25:00', 'Invalid search parameter "_lastUpdated"'],
      ['RiskAssessment', 'probability=high', 'Invalid search parameter "probability": "high" is not a number'],
    ])('rejects %s?%s with 400 "%s…"', (resourceType, query, text) => {
      const rejection = rejectionOf(resourceType, query);
      expect(rejection.status).toBe(400);
      expect(rejection.text.startsWith(text)).toBe(true);
    });
  });

  describe('lenient', () => {
    it('drops unknown parameters with a warning and leaves them out of the canonical parameters', () => {
      const request = parse('Patient', 'foo=bar&name=peter&general-practitioner:Practitioner.bar=1', true);
      expect(request.filters).toHaveLength(1);
      expect(request.warnings).toEqual([
        { parameter: 'foo', message: 'Unknown search parameter "foo" for Patient' },
        { parameter: 'general-practitioner:Practitioner.bar', message: 'Unknown search parameter "bar" for Practitioner' },
      ]);
      expect(request.canonicalParams).toEqual([['name', 'peter']]);
    });

    it('still rejects malformed values and unknown modifiers', () => {
      expect(rejectionOf('Patient', 'birthdate=foo', true).status).toBe(400);
      expect(rejectionOf('Patient', 'name:foo=x', true).status).toBe(400);
    });
  });

  describe('canonical parameters', () => {
    it('keeps accepted parameters in order, drops _format/_pretty, and echoes the effective _count', () => {
      const request = parseSearchQuery({
        resourceType: 'Patient',
        params: [['name', 'peter'], ['_format', 'json'], ['_count', '5000'], ['_pretty', 'true'], ['gender', 'male,female']],
        lookup: testLookup,
        baseUrl: TEST_BASE_URL,
      });
      expect(request.canonicalParams).toEqual([['name', 'peter'], ['_count', '1000'], ['gender', 'male,female']]);
    });
  });
});
