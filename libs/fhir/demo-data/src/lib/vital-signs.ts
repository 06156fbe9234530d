import type { Encounter, Observation, Patient, Practitioner } from 'fhir/r4';
import {
  BLOOD_PRESSURE_PANEL,
  BODY_HEIGHT,
  BODY_WEIGHT,
  DIASTOLIC_BP,
  HEART_RATE,
  LOINC,
  SYSTOLIC_BP,
  UCUM,
  concept,
  vitalSignsCategory,
  type VitalSignCode,
} from './demo-codes.constants';
import { demoMeta, localReference } from './demo-reference.util';
import type { SeededRandom } from './seeded-random';

/** One visit's measurements; height stays put and weight drifts a little between visits. */
export interface VitalValues {
  readonly heightCm: number;
  readonly weightKg: number;
  readonly systolic: number;
  readonly diastolic: number;
  readonly heartRate: number;
}

export function drawVitals(random: SeededRandom, heightCm: number, baseWeightKg: number): VitalValues {
  return {
    heightCm,
    weightKg: Math.round((baseWeightKg + random.decimal(-2, 2)) * 10) / 10,
    systolic: random.int(108, 148),
    diastolic: random.int(66, 94),
    heartRate: random.int(58, 96),
  };
}

export interface VitalSignsContext {
  readonly patient: Patient;
  readonly encounter: Encounter;
  readonly performer: Practitioner;
  readonly effective: string;
  /** Makes the id of one observation of this encounter. */
  readonly idFor: (loinc: string) => string;
}

/**
 * Body height, body weight, blood pressure panel and heart rate, coded as the R4 vital signs profile requires
 * (LOINC code, UCUM units, category vital-signs). See https://hl7.org/fhir/R4/observation-vitalsigns.html
 */
export function vitalSignObservations(context: VitalSignsContext, values: VitalValues): Observation[] {
  const bloodPressure: Observation = {
    ...observationBase(context, BLOOD_PRESSURE_PANEL.loinc, BLOOD_PRESSURE_PANEL.display),
    component: [
      {
        code: concept(LOINC, SYSTOLIC_BP.loinc, SYSTOLIC_BP.display),
        valueQuantity: quantity(values.systolic, SYSTOLIC_BP),
      },
      {
        code: concept(LOINC, DIASTOLIC_BP.loinc, DIASTOLIC_BP.display),
        valueQuantity: quantity(values.diastolic, DIASTOLIC_BP),
      },
    ],
  };
  return [
    quantityObservation(context, BODY_HEIGHT, values.heightCm),
    quantityObservation(context, BODY_WEIGHT, values.weightKg),
    bloodPressure,
    quantityObservation(context, HEART_RATE, values.heartRate),
  ];
}

function quantityObservation(context: VitalSignsContext, code: VitalSignCode, value: number): Observation {
  return { ...observationBase(context, code.loinc, code.display), valueQuantity: quantity(value, code) };
}

function observationBase(context: VitalSignsContext, loinc: string, display: string): Observation {
  return {
    resourceType: 'Observation',
    id: context.idFor(loinc),
    meta: demoMeta(),
    status: 'final',
    category: [vitalSignsCategory()],
    code: concept(LOINC, loinc, display),
    subject: localReference(context.patient),
    encounter: localReference(context.encounter),
    effectiveDateTime: context.effective,
    issued: context.effective,
    performer: [localReference(context.performer)],
  };
}

function quantity(value: number, code: VitalSignCode): { value: number; unit: string; system: string; code: string } {
  return { value, unit: code.unit, system: UCUM, code: code.unit };
}
