import type { Bundle } from 'fhir/r4';
import { R4_PATIENT_COMPARTMENT_PARAMS } from '@connector/fhir-types';
import { referencesIn } from '@connector/shared-testing';
import { type ExpectedResource, expectedResources } from './expected-resources';

/*
 * Who owns what, computed from the source bundles alone (never through the server): a resource of a type that has a
 * Patient compartment belongs to every Patient it references; resources of other types (Organization,
 * Practitioner, …) belong to nobody and are shared.
 */

/** `Type/id`, the key every set here is made of. */
export const keyOf = (resource: { type: string; id: string }): string => `${resource.type}/${resource.id}`;

/** One Patient's compartment as the source data defines it. */
export interface PatientCompartment {
  readonly patientId: string;
  readonly family: string;
  /** `system|value` of the Patient's first identifier. */
  readonly identifier: string;
  readonly resources: readonly ExpectedResource[];
  /** `Type/id` of every resource in the compartment, the Patient itself included. */
  readonly keys: ReadonlySet<string>;
}

export interface CompartmentOracle {
  /** Every distinct resource of every bundle (later bundles win on a shared id, as the importer's upsert does). */
  readonly all: readonly ExpectedResource[];
  /** Keyed by Patient id. */
  readonly patients: ReadonlyMap<string, PatientCompartment>;
}

/** Whether resources of this type can belong to a Patient compartment at all. */
export const hasPatientCompartment = (type: string): boolean => R4_PATIENT_COMPARTMENT_PARAMS[type] !== undefined;

function compartmentOf(patient: ExpectedResource, all: readonly ExpectedResource[]): PatientCompartment {
  const reference = keyOf(patient);
  const resources = all.filter(
    (resource) =>
      keyOf(resource) === reference ||
      (hasPatientCompartment(resource.type) &&
        resource.type !== 'Patient' &&
        referencesIn(resource.resource).includes(reference)),
  );
  const name = (patient.resource['name'] as { family?: string }[] | undefined)?.[0];
  const identifier = (patient.resource['identifier'] as { system?: string; value?: string }[] | undefined)?.[0];
  return {
    patientId: patient.id,
    family: name?.family ?? '',
    identifier: `${identifier?.system ?? ''}|${identifier?.value ?? ''}`,
    resources,
    keys: new Set(resources.map(keyOf)),
  };
}

/** The oracle over every bundle the server holds. */
export function compartmentOracle(bundles: readonly Bundle[]): CompartmentOracle {
  const byKey = new Map<string, ExpectedResource>();
  for (const resource of bundles.flatMap(expectedResources)) {
    byKey.set(keyOf(resource), resource);
  }
  const all = [...byKey.values()];
  const patients = new Map(
    all.filter((resource) => resource.type === 'Patient').map((patient) => [patient.id, compartmentOf(patient, all)]),
  );
  return { all, patients };
}

/** `Type/id` of every compartment resource that is not in `visible`'s compartments: what a token for them must never see. */
export function forbiddenKeys(oracle: CompartmentOracle, visible: readonly string[]): Set<string> {
  const allowed = new Set(visible.flatMap((patientId) => [...(oracle.patients.get(patientId)?.keys ?? [])]));
  return new Set(
    oracle.all.filter((resource) => hasPatientCompartment(resource.type) && !allowed.has(keyOf(resource))).map(keyOf),
  );
}
