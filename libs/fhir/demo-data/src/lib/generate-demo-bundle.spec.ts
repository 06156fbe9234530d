import { referencesIn } from '@connector/shared-testing';
import type { Appointment, Bundle, Observation, Resource } from 'fhir/r4';
import { prepareImport } from '@connector/fhir-import';
import { isR4ResourceType } from '@connector/fhir-types';
import { generateDemoBundle } from './generate-demo-bundle';

function resourcesOf(bundle: Bundle): Resource[] {
  return (bundle.entry ?? []).map((entry) => {
    if (entry.resource === undefined) {
      throw new Error('entry without resource');
    }
    return entry.resource;
  });
}

function countByType(resources: Resource[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { resourceType } of resources) {
    counts[resourceType] = (counts[resourceType] ?? 0) + 1;
  }
  return counts;
}

/** The patient a resource belongs to: its `subject`, `patient` or `beneficiary`, or the first Appointment actor. */
function patientReferenceOf(resource: Resource): string | undefined {
  const record = resource as unknown as Record<string, { reference?: string } | undefined>;
  if (resource.resourceType === 'Appointment') {
    return (resource as Appointment).participant[0]?.actor?.reference;
  }
  return (record['subject'] ?? record['patient'] ?? record['beneficiary'])?.reference;
}

describe('generateDemoBundle', () => {
  it('gives byte-identical output for the same seed, other output for another seed', () => {
    expect(JSON.stringify(generateDemoBundle({ seed: 7, patients: 3 }))).toBe(
      JSON.stringify(generateDemoBundle({ seed: 7, patients: 3 })),
    );
    expect(JSON.stringify(generateDemoBundle({ seed: 8, patients: 3 }))).not.toBe(
      JSON.stringify(generateDemoBundle({ seed: 7, patients: 3 })),
    );
  });

  it('reads neither the clock nor Math.random', () => {
    const now = jest.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now called');
    });
    const random = jest.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    try {
      expect(() => generateDemoBundle()).not.toThrow();
    } finally {
      now.mockRestore();
      random.mockRestore();
    }
  });

  it('defaults to 5 patients and seed 1', () => {
    expect(JSON.stringify(generateDemoBundle())).toBe(JSON.stringify(generateDemoBundle({ patients: 5, seed: 1 })));
  });

  it('keeps the first patients unchanged when more are asked for', () => {
    const three = resourcesOf(generateDemoBundle({ patients: 3 }));
    const five = resourcesOf(generateDemoBundle({ patients: 5 }));

    expect(five.slice(0, three.length)).toEqual(three);
  });

  it('makes a transaction of the practice and per patient the expected resources', () => {
    const patients = 6;
    const bundle = generateDemoBundle({ patients, seed: 3 });
    const resources = resourcesOf(bundle);

    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
    expect(countByType(resources)).toMatchObject({
      Organization: 1,
      Practitioner: 2,
      Location: 1,
      Patient: patients,
      MedicationRequest: patients,
      AllergyIntolerance: patients,
      Immunization: patients,
      Coverage: patients,
      Appointment: patients,
    });
    const patientReferences = resources
      .filter((resource) => resource.resourceType === 'Patient')
      .map((patient) => `urn:uuid:${patient.id ?? ''}`);
    for (const reference of patientReferences) {
      const own = countByType(resources.filter((resource) => patientReferenceOf(resource) === reference));
      expect(own['Encounter']).toBeGreaterThanOrEqual(2);
      expect(own['Encounter']).toBeLessThanOrEqual(4);
      expect(own['Observation']).toBe(4 * (own['Encounter'] ?? 0));
      expect(own['Condition']).toBeGreaterThanOrEqual(1);
      expect(own['Condition']).toBeLessThanOrEqual(3);
    }
  });

  it('codes vital signs with LOINC, UCUM units and the vital-signs category', () => {
    const observations = resourcesOf(generateDemoBundle()).filter(
      (resource): resource is Observation => resource.resourceType === 'Observation',
    );
    const expectedUnits: Record<string, string | undefined> = {
      '8302-2': 'cm',
      '29463-7': 'kg',
      '8867-4': '/min',
      '85354-9': undefined,
    };

    for (const observation of observations) {
      const coding = observation.code.coding?.[0];
      expect(coding?.system).toBe('http://loinc.org');
      expect(Object.keys(expectedUnits)).toContain(coding?.code);
      expect(observation.category?.[0]?.coding?.[0]).toMatchObject({
        system: 'http://terminology.hl7.org/CodeSystem/observation-category',
        code: 'vital-signs',
      });
      const unit = expectedUnits[coding?.code ?? ''];
      if (unit === undefined) {
        expect(observation.component?.map((component) => component.code.coding?.[0]?.code)).toEqual([
          '8480-6',
          '8462-4',
        ]);
        for (const component of observation.component ?? []) {
          expect(component.valueQuantity).toMatchObject({ system: 'http://unitsofmeasure.org', code: 'mm[Hg]' });
        }
      } else {
        expect(observation.valueQuantity).toMatchObject({ system: 'http://unitsofmeasure.org', code: unit });
      }
    }
  });

  it('gives every resource a unique id matching its urn:uuid fullUrl and PUT url', () => {
    const bundle = generateDemoBundle({ patients: 4 });
    const entries = bundle.entry ?? [];

    for (const entry of entries) {
      const { resourceType, id } = entry.resource ?? { resourceType: '', id: undefined };
      expect(isR4ResourceType(resourceType)).toBe(true);
      expect(entry.fullUrl).toBe(`urn:uuid:${id ?? ''}`);
      expect(entry.request).toEqual({ method: 'PUT', url: `${resourceType}/${id ?? ''}` });
    }
    expect(new Set(entries.map((entry) => entry.resource?.id)).size).toBe(entries.length);
  });

  it('only references resources inside the bundle', () => {
    const bundle = generateDemoBundle({ patients: 4 });
    const fullUrls = new Set((bundle.entry ?? []).map((entry) => entry.fullUrl));

    const references = resourcesOf(bundle).flatMap(referencesIn);

    expect(references.length).toBeGreaterThan(0);
    expect(references.filter((reference) => !fullUrls.has(reference))).toEqual([]);
  });

  it('prepares for import as it is, keeping every id', () => {
    const bundle = generateDemoBundle({ patients: 4 });

    const prepared = prepareImport(bundle, 'demo');

    expect(prepared.resources.map((resource) => `${resource.resourceType}/${resource.id}`)).toEqual(
      resourcesOf(bundle).map((resource) => `${resource.resourceType}/${resource.id ?? ''}`),
    );
    expect(prepared.resources.flatMap(referencesIn).filter((reference) => reference.startsWith('urn:'))).toEqual([]);
    expect([...prepared.byService.keys()].sort()).toEqual(['chart', 'practice']);
  });

  it.each([{ patients: 0 }, { patients: 1.5 }, { patients: 1001 }, { seed: -1 }, { seed: 0.5 }])(
    'rejects %j',
    (options) => {
      expect(() => generateDemoBundle(options)).toThrow(RangeError);
    },
  );
});
