import type { ObservationFact, PatientFacts } from './patient-facts';

/** One search: a type and its query parameters, as the gateway hands them to the service. */
export interface SearchInstance {
  readonly resourceType: string;
  readonly params: [string, string][];
}

/** A US Core search shape; `instance` makes one concrete search of it about a random imported patient. */
export interface QueryKind {
  readonly name: string;
  readonly resourceType: string;
  instance(random: () => number): SearchInstance;
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];

/** A deterministic PRNG (mulberry32): the same seed gives the same mix of searches on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A kind over the patients `eligible` selects (at least one, or the data cannot exercise it: a loud failure). */
function kind(
  name: string,
  resourceType: string,
  patients: readonly PatientFacts[],
  eligible: (patient: PatientFacts) => boolean,
  params: (patient: PatientFacts, random: () => number) => [string, string][],
): QueryKind {
  const pool = patients.filter(eligible);
  if (pool.length === 0) {
    throw new Error(`no imported patient can be searched as "${name}"`);
  }
  return { name, resourceType, instance: (random) => ({ resourceType, params: params(pick(pool, random), random) }) };
}

const dated = (observation: ObservationFact) => observation.date !== undefined && observation.categories.length > 0;

/** The calendar year of a dated observation, as a [ge, lt) pair: a typical "this year's vitals" range. */
function yearRange(date: string): [string, string][] {
  const year = Number(date.slice(0, 4));
  return [
    ['date', `ge${year}-01-01`],
    ['date', `lt${year + 1}-01-01`],
  ];
}

/**
 * The fixed mix of US Core searches (https://hl7.org/fhir/us/core/STU6.1/): Observation by patient+category,
 * patient+code and patient+category+date (ge/lt), Patient by name+birthdate, MedicationRequest by
 * patient+intent+status, and a patient search with `_revinclude=Provenance:target`.
 */
export function queryMix(patients: readonly PatientFacts[]): QueryKind[] {
  return [
    kind(
      'Observation patient+category',
      'Observation',
      patients,
      (p) => p.observations.some((o) => o.categories.length > 0),
      (p, random) => {
        const observation = pick(
          p.observations.filter((o) => o.categories.length > 0),
          random,
        );
        return [
          ['patient', p.id],
          ['category', pick(observation.categories, random)],
        ];
      },
    ),
    kind(
      'Observation patient+code',
      'Observation',
      patients,
      (p) => p.observations.some((o) => o.code !== undefined),
      (p, random) => [
        ['patient', p.id],
        ['code', pick(p.observations.flatMap((o) => (o.code === undefined ? [] : [o.code])), random)],
      ],
    ),
    kind(
      'Observation patient+category+date (ge/lt)',
      'Observation',
      patients,
      (p) => p.observations.some(dated),
      (p, random) => {
        const observation = pick(p.observations.filter(dated), random);
        return [
          ['patient', p.id],
          ['category', pick(observation.categories, random)],
          ...yearRange(observation.date as string),
        ];
      },
    ),
    kind(
      'Patient name+birthdate',
      'Patient',
      patients,
      () => true,
      (p) => [
        ['name', p.family],
        ['birthdate', p.birthDate],
      ],
    ),
    kind(
      'MedicationRequest patient+intent+status',
      'MedicationRequest',
      patients,
      (p) => p.medicationRequests.length > 0,
      (p, random) => {
        const { intent, status } = pick(p.medicationRequests, random);
        return [
          ['patient', p.id],
          ['intent', intent],
          ['status', status],
        ];
      },
    ),
    kind(
      'Encounter patient + _revinclude=Provenance:target',
      'Encounter',
      patients,
      (p) => p.encounters > 0,
      (p) => [
        ['patient', p.id],
        ['_revinclude', 'Provenance:target'],
      ],
    ),
  ];
}
