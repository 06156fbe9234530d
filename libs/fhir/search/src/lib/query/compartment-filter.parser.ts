import { FhirError } from '@connector/fhir-outcomes';
import { R4_PATIENT_COMPARTMENT_PARAMS } from '@connector/fhir-types';
import type { CompartmentFilter } from './search-filter.types';

/**
 * The Patient compartment's parameters for `resourceType` (Patient itself is in its own compartment through `link`
 * and its id), or undefined when the type is not in the compartment.
 * See https://hl7.org/fhir/R4/compartmentdefinition-patient.html
 */
export function patientCompartmentParams(resourceType: string): readonly string[] | undefined {
  const params = R4_PATIENT_COMPARTMENT_PARAMS[resourceType];
  return params !== undefined && params.length > 0 ? params : undefined;
}

/**
 * The filter of `[base]/[compartmentType]/[id]/[resourceType]`. Only the Patient compartment is served (the one
 * clinical apps use); other compartments and types outside it are a 400 naming why.
 * See https://hl7.org/fhir/R4/http.html#vsearch
 */
export function parseCompartment(
  compartment: { readonly resourceType: string; readonly id: string },
  resourceType: string,
): CompartmentFilter {
  if (compartment.resourceType !== 'Patient') {
    throw FhirError.badRequest(
      `Compartment searches are supported for the Patient compartment only, not ${compartment.resourceType}`,
    );
  }
  if (patientCompartmentParams(resourceType) === undefined) {
    throw FhirError.badRequest(`${resourceType} is not in the Patient compartment`);
  }
  return { kind: 'compartment', compartmentType: 'Patient', ids: [compartment.id] };
}
