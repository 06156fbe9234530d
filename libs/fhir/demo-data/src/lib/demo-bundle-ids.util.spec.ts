import type { Bundle, Patient } from 'fhir/r4';
import { demoPatientId, demoPractitionerId } from './demo-bundle-ids.util';
import { generateDemoBundle } from './generate-demo-bundle';

describe('demoPatientId', () => {
  it('returns the id of the first Patient in the bundle', () => {
    const bundle = generateDemoBundle({ patients: 3 });
    const firstPatient = bundle.entry?.find((entry) => entry.resource?.resourceType === 'Patient')?.resource;

    expect(demoPatientId(bundle)).toBe(firstPatient?.id);
  });

  it('throws when the bundle has no Patient', () => {
    const bundle: Bundle = { resourceType: 'Bundle', type: 'transaction', entry: [] };

    expect(() => demoPatientId(bundle)).toThrow(/no Patient/);
  });
});

describe('demoPractitionerId', () => {
  it('returns the first Practitioner, who is the demo patient’s general practitioner', () => {
    const bundle = generateDemoBundle();
    const resources = (bundle.entry ?? []).map((entry) => entry.resource);
    const firstPractitioner = resources.find((resource) => resource?.resourceType === 'Practitioner');
    const demoPatient = resources.find((resource): resource is Patient => resource?.resourceType === 'Patient');

    expect(demoPractitionerId(bundle)).toBe(firstPractitioner?.id);
    expect(demoPatient?.generalPractitioner?.[0]?.reference).toBe(`urn:uuid:${demoPractitionerId(bundle)}`);
  });
});
