import { testDefinition } from './search-parameters.fixture';
import { parse, rejectionOf } from './search-query.test-util';

const referencesOf = (resourceType: string, query: string): unknown => {
  const [filter] = parse(resourceType, query).filters;
  return filter.kind === 'parameter' && filter.condition.type === 'reference' ? filter.condition.values : filter;
};

describe('parseReferenceValue', () => {
  // https://hl7.org/fhir/R4/search.html#reference
  it.each([
    ['DiagnosticReport', 'subject=Patient/23', [{ type: 'reference', kind: 'local', resourceType: 'Patient', id: '23' }]],
    ['DiagnosticReport', 'subject:Patient=23', [{ type: 'reference', kind: 'local', resourceType: 'Patient', id: '23' }]],
    ['DiagnosticReport', 'subject=23', [{ type: 'reference', kind: 'local', id: '23' }]],
    ['Observation', 'patient=23', [{ type: 'reference', kind: 'local', resourceType: 'Patient', id: '23' }]],
    ['DiagnosticReport', 'subject=https://connector.example/fhir/Patient/23', [{ type: 'reference', kind: 'local', resourceType: 'Patient', id: '23' }]],
    ['DiagnosticReport', 'subject=Patient/23/_history/2', [{ type: 'reference', kind: 'local', resourceType: 'Patient', id: '23', version: '2' }]],
    ['DiagnosticReport', 'subject=http://acme.org/fhir/Patient/23', [{ type: 'reference', kind: 'absolute', url: 'http://acme.org/fhir/Patient/23' }]],
    ['Provenance', 'target=urn:uuid:53fefa32-fcbb-4ff8-8a92-55ee120877b7', [{ type: 'reference', kind: 'absolute', url: 'urn:uuid:53fefa32-fcbb-4ff8-8a92-55ee120877b7' }]],
    ['Provenance', 'target=Medication/m1,Patient/p1', [{ kind: 'local', resourceType: 'Medication', id: 'm1' }, { kind: 'local', resourceType: 'Patient', id: 'p1' }]],
    ['DiagnosticReport', 'subject:identifier=http://acme.org/fhir/identifier/mrn|123456', [{ type: 'reference', kind: 'identifier', system: 'http://acme.org/fhir/identifier/mrn', value: '123456' }]],
  ])('reads %s?%s', (resourceType, query, expected) => {
    expect(referencesOf(resourceType, query)).toMatchObject(expected);
  });

  it('treats a URL on another base that merely starts like ours as absolute', () => {
    expect(referencesOf('DiagnosticReport', 'subject=https://connector.example/fhirx/Patient/23')).toEqual([
      { type: 'reference', kind: 'absolute', url: 'https://connector.example/fhirx/Patient/23' },
    ]);
  });

  it('keeps the definition of the parameter on the filter', () => {
    expect(parse('Observation', 'subject=Patient/1').filters[0]).toMatchObject({ definition: testDefinition('Observation', 'subject') });
  });

  it.each([
    ['DiagnosticReport', 'subject=Foo/23', '"Foo/23": Foo is not a resource type'],
    ['DiagnosticReport', 'subject=Medication/23', '"Medication/23": Medication is not one of its target types'],
    ['DiagnosticReport', 'subject:Patient=Group/23', '"Group/23" is not a Patient'],
    ['DiagnosticReport', 'subject:Medication=23', 'Medication is not one of its target types'],
    ['DiagnosticReport', 'subject=a b', '"a b" is not a reference'],
    ['DiagnosticReport', 'subject=Patient/', '"Patient/" is not a reference'],
    ['DiagnosticReport', 'subject:Foo=23', 'modifier ":Foo" is not supported on a reference parameter'],
  ])('rejects %s?%s', (resourceType, query, why) => {
    expect(rejectionOf(resourceType, query).text).toContain(why);
  });
});
