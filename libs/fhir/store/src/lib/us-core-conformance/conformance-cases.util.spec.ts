import { conformanceCases, requirementKeys } from './conformance-cases.util';
import { loadUsCoreCapability } from './us-core-capability.util';

// Facts read off the US Core 6.1.0 server CapabilityStatement and SearchParameters by hand.
const capability = loadUsCoreCapability();

describe(requirementKeys.name, () => {
  const keys = requirementKeys(capability);

  it('lists SHALL combinations and SHALL single parameters, not SHOULD ones', () => {
    expect(keys).toEqual(
      expect.arrayContaining(['Observation?patient&category&date', 'Patient?gender&name', 'Patient?_id']),
    );
    expect(keys).not.toContain('Observation?patient&code&date');
    expect(keys).not.toContain('Practitioner?_id');
  });

  it('lists the SHALL comparators, multipleOr, chains and _revinclude of the SearchParameters', () => {
    expect(keys.filter((key) => key.startsWith('Observation?date='))).toEqual([
      'Observation?date=gt',
      'Observation?date=ge',
      'Observation?date=lt',
      'Observation?date=le',
    ]);
    expect(keys).toEqual(
      expect.arrayContaining([
        'MedicationRequest?intent=a,b',
        'PractitionerRole?practitioner.identifier',
        'PractitionerRole?practitioner.name',
        'AllergyIntolerance?_revinclude=Provenance:target',
      ]),
    );
    expect(keys).not.toContain('Patient?birthdate=ge');
  });
});

describe(conformanceCases.name, () => {
  it('carries a SHALL feature no SHALL combination holds on the smallest combination that holds it', () => {
    const carrier = conformanceCases(capability).find(
      (each) => each.multipleOr.includes('status') && each.resourceType === 'Observation',
    );
    expect(carrier?.codes).toEqual(['patient', 'category', 'status']);
    expect(carrier?.expectation).toBe('SHOULD');
  });
});
