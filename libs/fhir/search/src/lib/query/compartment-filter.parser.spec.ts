import { FhirError } from '@connector/fhir-outcomes';
import { parseCompartment, patientCompartmentParams } from './compartment-filter.parser';

describe('patientCompartmentParams', () => {
  it('lists the CompartmentDefinition parameters of a type in the Patient compartment', () => {
    expect(patientCompartmentParams('Observation')).toEqual(['subject', 'performer']);
    expect(patientCompartmentParams('Patient')).toEqual(['link']);
  });

  it('is undefined for types outside the compartment', () => {
    expect(patientCompartmentParams('Practitioner')).toBeUndefined();
    expect(patientCompartmentParams('Medication')).toBeUndefined();
  });
});

describe('parseCompartment', () => {
  it('builds the Patient compartment filter of one patient', () => {
    expect(parseCompartment({ resourceType: 'Patient', id: '7' }, 'Condition')).toEqual({
      kind: 'compartment',
      compartmentType: 'Patient',
      ids: ['7'],
    });
  });

  it.each([
    [{ resourceType: 'Encounter', id: '1' }, 'Observation', 'Patient compartment only, not Encounter'],
    [{ resourceType: 'Patient', id: '1' }, 'Practitioner', 'Practitioner is not in the Patient compartment'],
  ])('refuses %j / %s with a 400', (compartment, resourceType, text) => {
    expect(() => parseCompartment(compartment, resourceType)).toThrow(FhirError);
    expect(() => parseCompartment(compartment, resourceType)).toThrow(text);
  });
});
