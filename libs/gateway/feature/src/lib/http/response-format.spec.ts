import { FhirError } from '@connector/fhir-outcomes';
import { formatBody } from './response-format';

const TEXT = '{"resourceType":"Patient","id":"p1","name":[{"family":"Müller"}]}';

describe(formatBody.name, () => {
  it('passes compact JSON through untouched', () => {
    expect(formatBody(TEXT, 'json', false)).toBe(TEXT);
  });

  it('indents pretty JSON with the same content', () => {
    const pretty = formatBody(TEXT, 'json', true);
    expect(pretty.split('\n')[1]).toBe('  "resourceType": "Patient",');
    expect(JSON.parse(pretty)).toEqual(JSON.parse(TEXT));
  });

  it('keeps decimal text when pretty-printing', () => {
    expect(formatBody('{"resourceType":"Observation","valueQuantity":{"value":1.50}}', 'json', true)).toContain(
      '"value": 1.50',
    );
  });

  it('writes FHIR XML in the FHIR namespace, pretty when asked', () => {
    const xml = formatBody(TEXT, 'xml', false);
    expect(xml).toContain(
      '<Patient xmlns="http://hl7.org/fhir"><id value="p1"/><name><family value="Müller"/></name></Patient>',
    );
    expect(formatBody(TEXT, 'xml', true).split('\n').length).toBeGreaterThan(3);
  });

  it('turns a body it cannot write as XML into a server error, not a client error', () => {
    expect(() => formatBody('{"resourceType":"Unicorn"}', 'xml', false)).toThrow(Error);
    expect(() => formatBody('{"resourceType":"Unicorn"}', 'xml', false)).not.toThrow(FhirError);
  });
});
