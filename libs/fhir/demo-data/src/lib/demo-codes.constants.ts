import type { CodeableConcept, Coding } from 'fhir/r4';

/*
 * Real code values for the demo data (SNOMED CT, LOINC, RxNorm, CVX, UCUM and HL7 code systems), the same
 * ones Synthea uses, so the demo looks like real clinical data to clients and terminology lookups.
 */

export const SNOMED = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const CVX = 'http://hl7.org/fhir/sid/cvx';
export const UCUM = 'http://unitsofmeasure.org';
export const NPI = 'http://hl7.org/fhir/sid/us-npi';

/** Identifier system of the demo practice's medical record numbers. */
export const DEMO_MRN_SYSTEM = 'http://example.org/fhir/sid/demo-practice-mrn';

/** `meta.tag` on every demo resource, so demo data can be found (`_tag`) and told apart from imported data. */
export const DEMO_TAG: Coding = { system: 'http://example.org/fhir/CodeSystem/connector-tags', code: 'demo-data' };

export function concept(system: string, code: string, display: string): CodeableConcept {
  return { coding: [{ system, code, display }], text: display };
}

export function vitalSignsCategory(): CodeableConcept {
  return concept('http://terminology.hl7.org/CodeSystem/observation-category', 'vital-signs', 'Vital Signs');
}

/** A vital sign with one quantity value. See https://hl7.org/fhir/R4/observation-vitalsigns.html */
export interface VitalSignCode {
  readonly loinc: string;
  readonly display: string;
  readonly unit: string;
}

export const BODY_HEIGHT: VitalSignCode = { loinc: '8302-2', display: 'Body height', unit: 'cm' };
export const BODY_WEIGHT: VitalSignCode = { loinc: '29463-7', display: 'Body weight', unit: 'kg' };
export const HEART_RATE: VitalSignCode = { loinc: '8867-4', display: 'Heart rate', unit: '/min' };
export const SYSTOLIC_BP: VitalSignCode = { loinc: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]' };
export const DIASTOLIC_BP: VitalSignCode = { loinc: '8462-4', display: 'Diastolic blood pressure', unit: 'mm[Hg]' };
export const BLOOD_PRESSURE_PANEL = { loinc: '85354-9', display: 'Blood pressure panel with all children optional' };

export interface EncounterKind {
  readonly snomed: string;
  readonly display: string;
}

export const CHECK_UP: EncounterKind = { snomed: '185349003', display: 'Encounter for check up (procedure)' };
export const FOLLOW_UP_KINDS: readonly EncounterKind[] = [
  CHECK_UP,
  { snomed: '185345009', display: 'Encounter for symptom' },
  { snomed: '185347001', display: 'Encounter for problem' },
];

export interface Medication {
  readonly rxnorm: string;
  readonly display: string;
  readonly instruction: string;
}

export interface ConditionKind {
  readonly snomed: string;
  readonly display: string;
  /** What the practice prescribes for it, when anything. */
  readonly treatment?: Medication;
}

export const TREATED_CONDITIONS: readonly ConditionKind[] = [
  {
    snomed: '38341003',
    display: 'Hypertension',
    treatment: {
      rxnorm: '314076',
      display: 'lisinopril 10 MG Oral Tablet',
      instruction: 'Take 1 tablet by mouth once daily',
    },
  },
  {
    snomed: '44054006',
    display: 'Diabetes mellitus type 2 (disorder)',
    treatment: {
      rxnorm: '860975',
      display: '24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet',
      instruction: 'Take 1 tablet by mouth once daily with the evening meal',
    },
  },
  {
    snomed: '239873007',
    display: 'Osteoarthritis of knee',
    treatment: {
      rxnorm: '849574',
      display: 'Naproxen sodium 220 MG Oral Tablet',
      instruction: 'Take 1 tablet by mouth twice daily as needed for knee pain',
    },
  },
];

export const OTHER_CONDITIONS: readonly ConditionKind[] = [
  { snomed: '15777000', display: 'Prediabetes' },
  { snomed: '55822004', display: 'Hyperlipidemia' },
  { snomed: '162864005', display: 'Body mass index 30+ - obesity (finding)' },
  { snomed: '195967001', display: 'Asthma' },
];

export interface AllergyKind {
  readonly snomed: string;
  readonly display: string;
  readonly category: 'food' | 'medication' | 'environment';
  readonly criticality: 'low' | 'high';
  readonly manifestation: { readonly snomed: string; readonly display: string };
}

export const ALLERGIES: readonly AllergyKind[] = [
  {
    snomed: '91936005',
    display: 'Allergy to penicillin',
    category: 'medication',
    criticality: 'high',
    manifestation: { snomed: '271807003', display: 'Eruption of skin (disorder)' },
  },
  {
    snomed: '232347008',
    display: 'Dander (animal) allergy',
    category: 'environment',
    criticality: 'low',
    manifestation: { snomed: '49727002', display: 'Cough (finding)' },
  },
  {
    snomed: '419474003',
    display: 'Allergy to mould',
    category: 'environment',
    criticality: 'low',
    manifestation: { snomed: '76067001', display: 'Sneezing (finding)' },
  },
  {
    snomed: '300913006',
    display: 'Shellfish allergy',
    category: 'food',
    criticality: 'high',
    manifestation: { snomed: '39579001', display: 'Anaphylaxis (disorder)' },
  },
];

export const FLU_VACCINE = { cvx: '140', display: 'Influenza, seasonal, injectable, preservative free' };
