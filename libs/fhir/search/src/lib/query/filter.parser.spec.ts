import { parse, rejectionOf } from './search-query.test-util';
import { testDefinition } from './search-parameters.fixture';

describe('parseFilter', () => {
  describe('chaining', () => {
    // https://hl7.org/fhir/R4/search.html#chaining: "GET [base]/DiagnosticReport?subject:Patient.name=peter"
    it('reads subject:Patient.name=peter as a chain to Patient', () => {
      const request = parse('DiagnosticReport', 'subject:Patient.name=peter');
      expect(request.filters).toEqual([
        {
          kind: 'chain',
          code: 'subject',
          definition: testDefinition('DiagnosticReport', 'subject'),
          targetType: 'Patient',
          filter: {
            kind: 'parameter',
            code: 'name',
            definition: testDefinition('Patient', 'name'),
            condition: { type: 'string', match: 'starts-with', values: [{ type: 'text', text: 'peter' }] },
          },
        },
      ]);
      expect(request.canonicalParams).toEqual([['subject:Patient.name', 'peter']]);
    });

    it('resolves the target of a single-target reference without a modifier', () => {
      expect(parse('Observation', 'patient.name=peter').filters[0]).toMatchObject({ kind: 'chain', targetType: 'Patient' });
    });

    it('follows several levels: DiagnosticReport?result.patient.birthdate=1970', () => {
      expect(parse('DiagnosticReport', 'result.patient.birthdate=1970').filters[0]).toMatchObject({
        kind: 'chain',
        targetType: 'Observation',
        filter: { kind: 'chain', targetType: 'Patient', filter: { kind: 'parameter', code: 'birthdate', condition: { type: 'date' } } },
      });
    });

    it('keeps modifiers on the last link: general-practitioner:Practitioner.name:exact=Joe', () => {
      expect(parse('Patient', 'general-practitioner:Practitioner.name:exact=Joe').filters[0]).toMatchObject({
        kind: 'chain',
        targetType: 'Practitioner',
        filter: { condition: { type: 'string', match: 'exact' } },
      });
    });

    it.each([
      ['DiagnosticReport', 'subject.name=peter', 'Invalid search parameter "subject.name": "subject" may refer to Group, Device, Patient, Location; name one'],
      ['Patient', 'general-practitioner.name=Joe', 'Invalid search parameter "general-practitioner.name": "general-practitioner" may refer to'],
      ['Patient', 'name.family=x', 'Invalid search parameter "name.family": "name" is a string parameter and cannot be chained'],
      ['DiagnosticReport', 'subject:Medication.code=x', 'Invalid search parameter "subject:Medication.code": ":Medication" is not a target type'],
      ['DiagnosticReport', 'subject:missing.name=x', 'Invalid search parameter "subject:missing.name": ":missing" is not a target type'],
      ['Observation', 'patient.=x', 'Invalid search parameter "patient.": the chain has no parameter'],
      ['Observation', 'patient.foo=x', 'Unknown search parameter "foo" for Patient'],
    ])('rejects %s?%s', (resourceType, query, text) => {
      const rejection = rejectionOf(resourceType, query);
      expect(rejection.status).toBe(400);
      expect(rejection.text.startsWith(text)).toBe(true);
    });
  });

  describe('_has', () => {
    // https://hl7.org/fhir/R4/search.html#has: "GET [base]/Patient?_has:Observation:patient:code=1234-5"
    it('reads _has:Observation:patient:code=1234-5', () => {
      expect(parse('Patient', '_has:Observation:patient:code=1234-5').filters).toEqual([
        {
          kind: 'has',
          resourceType: 'Observation',
          referenceCode: 'patient',
          referenceDefinition: testDefinition('Observation', 'patient'),
          filter: {
            kind: 'parameter',
            code: 'code',
            definition: testDefinition('Observation', 'code'),
            condition: { type: 'token', modifier: 'none', values: [{ type: 'token', code: '1234-5' }] },
          },
        },
      ]);
    });

    // "GET [base]/Patient?_has:Observation:patient:_has:AuditEvent:entity:user=MyUserId" (R4 AuditEvent calls it agent)
    it('nests: _has:Observation:patient:_has:AuditEvent:entity:agent=MyUserId', () => {
      expect(parse('Patient', '_has:Observation:patient:_has:AuditEvent:entity:agent=MyUserId').filters[0]).toMatchObject({
        kind: 'has',
        resourceType: 'Observation',
        filter: { kind: 'has', resourceType: 'AuditEvent', referenceCode: 'entity', filter: { kind: 'parameter', code: 'agent' } },
      });
    });

    it('allows a chain inside _has and modifiers on its parameter', () => {
      expect(parse('Patient', '_has:Observation:patient:performer:Practitioner.name=Joe').filters[0]).toMatchObject({
        kind: 'has',
        filter: { kind: 'chain', targetType: 'Practitioner', filter: { code: 'name' } },
      });
      expect(parse('Patient', '_has:Observation:patient:code:missing=true').filters[0]).toMatchObject({
        filter: { condition: { type: 'missing', missing: true } },
      });
    });

    it.each([
      ['Patient', '_has:Observation:patient=1', 'Invalid search parameter "_has:Observation:patient": expected _has:Type:reference:parameter'],
      ['Patient', '_has:Foo:patient:code=1', 'Invalid search parameter "_has:Foo:patient:code": Foo is not a resource type'],
      ['Patient', '_has:Observation:foo:code=1', 'Unknown search parameter "foo" for Observation'],
      ['Patient', '_has:Observation:code:code=1', 'Invalid search parameter "_has:Observation:code:code": Observation "code" does not refer to Patient'],
      ['Encounter', '_has:Observation:patient:code=1', 'Invalid search parameter "_has:Observation:patient:code": Observation "patient" does not refer to Encounter'],
      ['Patient', '_has:Observation:patient:bar=1', 'Unknown search parameter "bar" for Observation'],
    ])('rejects %s?%s', (resourceType, query, text) => {
      expect(rejectionOf(resourceType, query).text.startsWith(text)).toBe(true);
    });
  });

  describe('legacy Patient=', () => {
    it.each([['Patient=123'], ['patient=123'], ['PATIENT=123'], ['patient=Patient/123']])(
      'maps Device?%s to the patient reference Patient/123',
      (query) => {
        const request = parse('Device', query);
        expect(request.filters[0]).toMatchObject({
          kind: 'parameter',
          code: 'patient',
          condition: { type: 'reference', values: [{ type: 'reference', kind: 'local', resourceType: 'Patient', id: '123' }] },
        });
        expect(request.canonicalParams[0][0]).toBe('patient');
      },
    );

    it('maps to subject:Patient when the type has no patient parameter', () => {
      const request = parse('AdverseEvent', 'Patient=123');
      expect(request.filters[0]).toMatchObject({
        code: 'subject',
        condition: { type: 'reference', values: [{ kind: 'local', resourceType: 'Patient', id: '123' }] },
      });
      expect(request.canonicalParams).toEqual([['subject:Patient', '123']]);
    });

    it('gives patient=123 and patient=Patient/123 the same filter', () => {
      expect(parse('Observation', 'patient=123').filters).toEqual(parse('Observation', 'patient=Patient/123').filters);
    });

    it('rejects it on a type with neither patient nor a Patient subject', () => {
      expect(rejectionOf('Organization', 'Patient=123').text).toBe('Unknown search parameter "Patient" for Organization');
    });
  });
});
