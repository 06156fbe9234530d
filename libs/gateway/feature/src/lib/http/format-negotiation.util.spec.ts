import { FhirError } from '@connector/fhir-outcomes';
import { negotiateFormat } from './format-negotiation.util';

function statusOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof FhirError ? error.status : undefined;
  }
  return undefined;
}

describe(negotiateFormat.name, () => {
  describe('_format', () => {
    it.each([
      ['json', 'json', 'application/fhir+json; charset=utf-8'],
      ['JSON', 'json', 'application/fhir+json; charset=utf-8'],
      ['xml', 'xml', 'application/fhir+xml; charset=utf-8'],
      ['XML', 'xml', 'application/fhir+xml; charset=utf-8'],
      ['application/fhir+json', 'json', 'application/fhir+json; charset=utf-8'],
      ['application/fhir+xml', 'xml', 'application/fhir+xml; charset=utf-8'],
      ['application/json', 'json', 'application/json; charset=utf-8'],
      ['application/xml', 'xml', 'application/xml; charset=utf-8'],
      ['text/xml', 'xml', 'text/xml; charset=utf-8'],
      ['application/fhir+json;fhirVersion=4.0', 'json', 'application/fhir+json; charset=utf-8'],
    ])('reads %s as %s, answered as %s', (value, kind, contentType) => {
      expect(negotiateFormat(value, undefined)).toEqual({ kind, contentType });
    });

    it('overrides Accept', () => {
      expect(negotiateFormat('xml', 'application/fhir+json').kind).toBe('xml');
    });

    it.each(['html', 'text/turtle', '', 'application/fhir+json; fhirVersion=3.0'])('refuses %p with a 406', (value) => {
      expect(statusOf(() => negotiateFormat(value, undefined))).toBe(406);
    });
  });

  describe('Accept', () => {
    it.each([undefined, '', '*/*', 'application/*', 'application/fhir+json'])('answers %p with FHIR JSON', (accept) => {
      expect(negotiateFormat(undefined, accept)).toEqual({
        kind: 'json',
        contentType: 'application/fhir+json; charset=utf-8',
      });
    });

    it('takes the range with the highest q-value, then the first listed', () => {
      expect(negotiateFormat(undefined, 'application/fhir+json;q=0.5, application/fhir+xml').kind).toBe('xml');
      expect(negotiateFormat(undefined, 'application/fhir+xml;q=0.9, application/json;q=0.9').kind).toBe('xml');
      expect(negotiateFormat(undefined, 'text/html, application/json;q=0.8, */*;q=0.1').contentType).toBe(
        'application/json; charset=utf-8',
      );
    });

    it('skips unsupported and q=0 ranges', () => {
      expect(negotiateFormat(undefined, 'text/html, application/fhir+xml;q=0, */*;q=0.2').kind).toBe('json');
    });

    it('accepts fhirVersion=4.0 and skips a range naming another FHIR version', () => {
      expect(negotiateFormat(undefined, 'application/fhir+xml; fhirVersion=4.0').kind).toBe('xml');
      expect(
        negotiateFormat(undefined, 'application/fhir+xml; fhirVersion=3.0, application/fhir+json; q=0.5').kind,
      ).toBe('json');
    });

    it.each(['text/html', 'application/fhir+json; fhirVersion=5.0', 'application/fhir+json;q=0', 'garbage'])(
      'refuses %p with a 406',
      (accept) => {
        expect(statusOf(() => negotiateFormat(undefined, accept))).toBe(406);
      },
    );
  });
});
