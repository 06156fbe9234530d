import type { Encounter, Patient, Practitioner } from 'fhir/r4';
import type { DemoPractice } from './practice-resources';
import type { SeededRandom } from './seeded-random';

/** What the builders of one patient's resources share. */
export interface PatientContext {
  readonly random: SeededRandom;
  readonly practice: DemoPractice;
  /** The patient's own doctor: performs the visits and prescribes. */
  readonly practitioner: Practitioner;
  readonly patient: Patient;
  /** Visits, oldest first; each has `period.start`. */
  readonly encounters: readonly Encounter[];
  /** Makes the id of one of this patient's resources from a key unique within the patient. */
  readonly idFor: (key: string) => string;
}

export function encounterStart(encounter: Encounter): string {
  const start = encounter.period?.start;
  if (start === undefined) {
    throw new Error(`Demo encounter ${encounter.id ?? ''} has no start`);
  }
  return start;
}

/** The first and the latest visit. */
export function firstAndLastEncounter(context: PatientContext): [Encounter, Encounter] {
  const first = context.encounters[0];
  const last = context.encounters[context.encounters.length - 1];
  if (first === undefined || last === undefined) {
    throw new Error('A demo patient has at least one encounter');
  }
  return [first, last];
}
