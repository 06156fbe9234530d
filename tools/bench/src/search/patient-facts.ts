import type { ResourceToImport } from '@connector/contracts';
import type { Encounter, MedicationRequest, Observation, Patient } from 'fhir/r4';

/** What the query mix needs to know about one imported observation. */
export interface ObservationFact {
  readonly categories: readonly string[];
  /** `system|code` of the first coding of Observation.code. */
  readonly code?: string;
  /** effectiveDateTime (or the start of effectivePeriod), as written. */
  readonly date?: string;
}

/**
 * One imported patient and the values of its own resources, read from the prepared resources that were sent to the
 * store (never from the store or its index), so every query of the mix is about data that exists.
 */
export interface PatientFacts {
  readonly id: string;
  readonly family: string;
  readonly birthDate: string;
  readonly observations: ObservationFact[];
  readonly medicationRequests: { readonly intent: string; readonly status: string }[];
  encounters: number;
}

function subjectId(reference: string | undefined): string | undefined {
  return reference?.startsWith('Patient/') ? reference.slice('Patient/'.length) : undefined;
}

function observationFact(observation: Observation): ObservationFact {
  const coding = observation.code.coding?.[0];
  return {
    categories: (observation.category ?? []).flatMap((category) =>
      (category.coding ?? []).flatMap((c) => (c.code === undefined ? [] : [c.code])),
    ),
    code: coding?.system !== undefined && coding.code !== undefined ? `${coding.system}|${coding.code}` : undefined,
    date: observation.effectiveDateTime ?? observation.effectivePeriod?.start,
  };
}

/** The patients of one prepared bundle (references already `Patient/<id>`) with their observations, orders, visits. */
export function patientFacts(resources: readonly ResourceToImport[]): PatientFacts[] {
  const patients = new Map<string, PatientFacts>();
  for (const resource of resources) {
    if (resource.resourceType === 'Patient') {
      const patient = resource as unknown as Patient;
      const family = patient.name?.[0]?.family;
      if (family !== undefined && patient.birthDate !== undefined) {
        const facts = { id: resource.id, family, birthDate: patient.birthDate, encounters: 0 };
        patients.set(resource.id, { ...facts, observations: [], medicationRequests: [] });
      }
    }
  }
  for (const resource of resources) {
    addFact(resource, patients);
  }
  return [...patients.values()];
}

function addFact(resource: ResourceToImport, patients: ReadonlyMap<string, PatientFacts>): void {
  switch (resource.resourceType) {
    case 'Observation': {
      const observation = resource as unknown as Observation;
      patients.get(subjectId(observation.subject?.reference) ?? '')?.observations.push(observationFact(observation));
      return;
    }
    case 'MedicationRequest': {
      const { subject, intent, status } = resource as unknown as MedicationRequest;
      patients.get(subjectId(subject.reference) ?? '')?.medicationRequests.push({ intent, status });
      return;
    }
    case 'Encounter': {
      const facts = patients.get(subjectId((resource as unknown as Encounter).subject?.reference) ?? '');
      if (facts !== undefined) {
        facts.encounters += 1;
      }
      return;
    }
  }
}
