import type { Encounter, Patient, Practitioner } from 'fhir/r4';
import { CHECK_UP, DEMO_MRN_SYSTEM, FOLLOW_UP_KINDS, SNOMED, concept } from './demo-codes.constants';
import { demoDate, demoInstant } from './demo-dates.util';
import { CITY, FAMILY_NAMES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, STREETS } from './demo-people.constants';
import { demoMeta, localReference } from './demo-reference.util';
import type { DemoPractice } from './practice-resources';
import type { SeededRandom } from './seeded-random';

/** A demo Patient: names, gender, birth date (25-80 years old), address, phone and a practice MRN. */
export function demoPatient(
  id: string,
  random: SeededRandom,
  practice: DemoPractice,
  practitioner: Practitioner,
): Patient {
  const gender = random.pick(['female', 'male'] as const);
  const given = random.pick(gender === 'female' ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES);
  const family = random.pick(FAMILY_NAMES);
  const ageDays = random.int(25 * 365, 80 * 365);
  return {
    resourceType: 'Patient',
    id,
    meta: demoMeta(),
    identifier: [
      {
        use: 'usual',
        type: concept('http://terminology.hl7.org/CodeSystem/v2-0203', 'MR', 'Medical record number'),
        system: DEMO_MRN_SYSTEM,
        value: `MRN${random.int(1000000, 9999999)}`,
      },
    ],
    active: true,
    name: [{ use: 'official', family, given: [given], prefix: [gender === 'female' ? 'Ms.' : 'Mr.'] }],
    telecom: [{ system: 'phone', value: `413-555-${random.int(1000, 9999)}`, use: 'home' }],
    gender,
    birthDate: demoDate(-ageDays),
    address: [
      {
        use: 'home',
        line: [`${random.int(1, 480)} ${random.pick(STREETS)}`],
        city: CITY.city,
        state: CITY.state,
        postalCode: random.pick(CITY.postalCodes),
        country: 'US',
      },
    ],
    generalPractitioner: [localReference(practitioner)],
    managingOrganization: localReference(practice.organization, practice.organization.name),
  };
}

/** 2-4 finished ambulatory visits within the last three years, oldest first, the first one a check-up. */
export function demoEncounters(
  random: SeededRandom,
  patient: Patient,
  practice: DemoPractice,
  practitioner: Practitioner,
  idFor: (key: string) => string,
): Encounter[] {
  const count = random.int(2, 4);
  const days = new Set<number>();
  while (days.size < count) {
    days.add(random.int(-1000, -14));
  }
  return [...days]
    .sort((a, b) => a - b)
    .map((day, index) => {
      const kind = index === 0 ? CHECK_UP : random.pick(FOLLOW_UP_KINDS);
      // Visits start between 08:00 and 16:00 Eastern (13:00-21:00 UTC) on a quarter hour and last 30 minutes.
      const startMinutes = 13 * 60 + 15 * random.int(0, 32);
      return {
        resourceType: 'Encounter',
        id: idFor(`encounter/${index}`),
        meta: demoMeta(),
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
        type: [concept(SNOMED, kind.snomed, kind.display)],
        subject: localReference(patient),
        participant: [
          {
            type: [concept('http://terminology.hl7.org/CodeSystem/v3-ParticipationType', 'PPRF', 'primary performer')],
            individual: localReference(practitioner),
          },
        ],
        period: { start: demoInstant(day, startMinutes), end: demoInstant(day, startMinutes + 30) },
        location: [{ location: localReference(practice.location) }],
        serviceProvider: localReference(practice.organization),
      };
    });
}
