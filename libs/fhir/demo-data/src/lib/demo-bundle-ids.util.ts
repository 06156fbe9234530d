import type { Bundle } from 'fhir/r4';

/** Position, among the bundle's Patients, of the patient the `demo-patient` account is linked to. */
export const DEMO_PATIENT_INDEX = 0;

/** Position, among the bundle's Practitioners, of the practitioner the demo provider account is linked to. */
export const DEMO_PRACTITIONER_INDEX = 0;

/** The id of the demo patient (the first Patient) in a bundle made by `generateDemoBundle`. */
export function demoPatientId(bundle: Bundle): string {
  return nthResourceId(bundle, 'Patient', DEMO_PATIENT_INDEX);
}

/** The id of the demo practitioner (the first Practitioner) in a bundle made by `generateDemoBundle`. */
export function demoPractitionerId(bundle: Bundle): string {
  return nthResourceId(bundle, 'Practitioner', DEMO_PRACTITIONER_INDEX);
}

function nthResourceId(bundle: Bundle, resourceType: string, index: number): string {
  const resources = (bundle.entry ?? []).flatMap((entry) =>
    entry.resource?.resourceType === resourceType ? [entry.resource] : [],
  );
  const id = resources[index]?.id;
  if (id === undefined) {
    throw new Error(`The demo bundle has no ${resourceType} number ${index + 1} with an id`);
  }
  return id;
}
