import type { AllergyIntolerance, Condition, Immunization, MedicationRequest } from 'fhir/r4';
import {
  ALLERGIES,
  CVX,
  FLU_VACCINE,
  OTHER_CONDITIONS,
  RXNORM,
  SNOMED,
  TREATED_CONDITIONS,
  concept,
  type ConditionKind,
  type Medication,
} from './demo-codes.constants';
import { demoMeta, localReference } from './demo-reference.util';
import { encounterStart, firstAndLastEncounter, type PatientContext } from './patient-context';

/** 1-3 active problem-list Conditions; the first is always one the practice treats (see {@link demoMedicationRequest}). */
export function demoConditions(context: PatientContext): { conditions: Condition[]; treatment: Medication } {
  const { random } = context;
  const primary = random.pick(TREATED_CONDITIONS);
  const others = random.sample(
    [...TREATED_CONDITIONS.filter((kind) => kind !== primary), ...OTHER_CONDITIONS],
    random.int(0, 2),
  );
  const [first] = firstAndLastEncounter(context);
  const recorded = encounterStart(first);
  const conditions = [primary, ...others].map((kind: ConditionKind, index): Condition => ({
    resourceType: 'Condition',
    id: context.idFor(`condition/${index}`),
    meta: demoMeta(),
    clinicalStatus: concept('http://terminology.hl7.org/CodeSystem/condition-clinical', 'active', 'Active'),
    verificationStatus: concept('http://terminology.hl7.org/CodeSystem/condition-ver-status', 'confirmed', 'Confirmed'),
    category: [
      concept('http://terminology.hl7.org/CodeSystem/condition-category', 'problem-list-item', 'Problem List Item'),
    ],
    code: concept(SNOMED, kind.snomed, kind.display),
    subject: localReference(context.patient),
    encounter: localReference(first),
    onsetDateTime: recorded,
    recordedDate: recorded,
    recorder: localReference(context.practitioner),
  }));
  if (primary.treatment === undefined) {
    throw new Error(`Demo condition ${primary.display} has no treatment`);
  }
  return { conditions, treatment: primary.treatment };
}

/** An active RxNorm prescription for the patient's first condition, written at the latest visit. */
export function demoMedicationRequest(
  context: PatientContext,
  reason: Condition,
  medication: Medication,
): MedicationRequest {
  const [, last] = firstAndLastEncounter(context);
  return {
    resourceType: 'MedicationRequest',
    id: context.idFor('medication-request/0'),
    meta: demoMeta(),
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: concept(RXNORM, medication.rxnorm, medication.display),
    subject: localReference(context.patient),
    encounter: localReference(last),
    authoredOn: encounterStart(last),
    requester: localReference(context.practitioner),
    reasonReference: [localReference(reason)],
    dosageInstruction: [{ sequence: 1, text: medication.instruction }],
  };
}

/** One confirmed SNOMED-coded allergy with its reaction. */
export function demoAllergy(context: PatientContext): AllergyIntolerance {
  const allergy = context.random.pick(ALLERGIES);
  const [first] = firstAndLastEncounter(context);
  return {
    resourceType: 'AllergyIntolerance',
    id: context.idFor('allergy-intolerance/0'),
    meta: demoMeta(),
    clinicalStatus: concept('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', 'active', 'Active'),
    verificationStatus: concept(
      'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
      'confirmed',
      'Confirmed',
    ),
    type: 'allergy',
    category: [allergy.category],
    criticality: allergy.criticality,
    code: concept(SNOMED, allergy.snomed, allergy.display),
    patient: localReference(context.patient),
    encounter: localReference(first),
    recordedDate: encounterStart(first),
    recorder: localReference(context.practitioner),
    reaction: [{ manifestation: [concept(SNOMED, allergy.manifestation.snomed, allergy.manifestation.display)] }],
  };
}

/** This season's flu shot (CVX 140), given at the latest visit. */
export function demoImmunization(context: PatientContext): Immunization {
  const [, last] = firstAndLastEncounter(context);
  return {
    resourceType: 'Immunization',
    id: context.idFor('immunization/0'),
    meta: demoMeta(),
    status: 'completed',
    vaccineCode: concept(CVX, FLU_VACCINE.cvx, FLU_VACCINE.display),
    patient: localReference(context.patient),
    encounter: localReference(last),
    occurrenceDateTime: encounterStart(last),
    primarySource: true,
    location: localReference(context.practice.location),
    performer: [{ actor: localReference(context.practitioner) }],
  };
}
