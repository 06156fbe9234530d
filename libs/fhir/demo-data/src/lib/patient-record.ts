import type { Resource } from 'fhir/r4';
import { demoAllergy, demoConditions, demoImmunization, demoMedicationRequest } from './clinical-resources';
import { demoId } from './demo-ids.util';
import type { PatientContext } from './patient-context';
import { demoEncounters, demoPatient } from './patient-resources';
import { demoAppointment, demoCoverage } from './practice-visit-resources';
import type { DemoPractice } from './practice-resources';
import { SeededRandom } from './seeded-random';
import { drawVitals, vitalSignObservations } from './vital-signs';

/**
 * Everything the practice holds about demo patient `index`: the Patient, their visits with vital signs,
 * problems, a prescription, an allergy, a flu shot, their insurance and their next appointment. Each patient draws
 * from their own random stream, so adding patients never changes the ones before.
 */
export function demoPatientRecord(seed: number, index: number, practice: DemoPractice): Resource[] {
  const random = SeededRandom.forStream(seed, index + 1);
  const idFor = (key: string) => demoId(seed, `patient/${index}/${key}`);
  const practitioner = practice.practitioners[index % 2 === 0 ? 0 : 1];
  const patient = demoPatient(idFor('patient'), random, practice, practitioner);
  const encounters = demoEncounters(random, patient, practice, practitioner, idFor);
  const context: PatientContext = { random, practice, practitioner, patient, encounters, idFor };

  const heightCm = random.decimal(152, 192);
  const baseWeightKg = random.decimal(52, 105);
  const observations = encounters.flatMap((encounter, visit) =>
    vitalSignObservations(
      {
        patient,
        encounter,
        performer: practitioner,
        effective: encounter.period?.start ?? '',
        idFor: (loinc) => idFor(`encounter/${visit}/observation/${loinc}`),
      },
      drawVitals(random, heightCm, baseWeightKg),
    ),
  );
  const { conditions, treatment } = demoConditions(context);
  const [primaryCondition] = conditions;
  if (primaryCondition === undefined) {
    throw new Error('A demo patient has at least one condition');
  }
  return [
    patient,
    ...encounters,
    ...observations,
    ...conditions,
    demoMedicationRequest(context, primaryCondition, treatment),
    demoAllergy(context),
    demoImmunization(context),
    demoCoverage(context),
    demoAppointment(context),
  ];
}
