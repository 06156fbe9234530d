import { FhirError } from '@connector/fhir-outcomes';
import { AccessPolicy } from '@connector/fhir-store';
import { accessPolicyOf } from './access-policy.factory';

describe(accessPolicyOf.name, () => {
  it('maps an empty context to the unrestricted policy', () => {
    expect(accessPolicyOf({})).toBe(AccessPolicy.UNRESTRICTED);
  });

  it('keeps type grants and patients', () => {
    const policy = accessPolicyOf({ resourceTypes: ['Observation'], patients: ['p1'] });
    expect(policy.unrestricted).toBe(false);
    expect(policy.allowsType('Observation')).toBe(true);
    expect(policy.allowsType('Condition')).toBe(false);
  });

  it('parses granular constraints with the strict search parser', () => {
    const policy = accessPolicyOf({
      constraints: [{ resourceType: 'Observation', params: [['category', 'http://x|laboratory']] }],
    });
    expect(policy.unrestricted).toBe(false);
    expect(() =>
      accessPolicyOf({ constraints: [{ resourceType: 'Observation', params: [['shoe-size', '1']] }] }),
    ).toThrow(FhirError);
  });

  it.each([
    ['a chain', ['general-practitioner:Practitioner.name', 'x']],
    ['_has', ['_has:Observation:patient:code', '1']],
    ['a result parameter', ['_count', '1']],
  ])('refuses %s in a constraint with a 400', (_label, param) => {
    const run = () =>
      accessPolicyOf({ constraints: [{ resourceType: 'Patient', params: [param as [string, string]] }] });
    expect(run).toThrow('plain search parameters only');
  });
});
