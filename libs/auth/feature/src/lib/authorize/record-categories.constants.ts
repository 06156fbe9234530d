/**
 * The kinds of records a user can leave out when an app asks for every type (`patient/*.rs`): a declarative table
 * grouping resource types the way a person thinks of their record. Leaving any category out turns the wildcard
 * into explicit per-type scopes for the categories kept, so types in no category are then left out as well.
 */
export interface RecordCategory {
  readonly id: string;
  readonly label: string;
  readonly types: readonly string[];
}

export const RECORD_CATEGORIES: readonly RecordCategory[] = [
  {
    id: 'demographics',
    label: 'Demographics, care team and providers',
    types: ['Patient', 'RelatedPerson', 'CareTeam', 'Practitioner', 'PractitionerRole', 'Organization', 'Location'],
  },
  { id: 'conditions', label: 'Conditions and health concerns', types: ['Condition'] },
  { id: 'allergies', label: 'Allergies and intolerances', types: ['AllergyIntolerance'] },
  {
    id: 'medications',
    label: 'Medications',
    types: ['Medication', 'MedicationRequest', 'MedicationStatement', 'MedicationAdministration', 'MedicationDispense'],
  },
  { id: 'immunizations', label: 'Immunizations', types: ['Immunization'] },
  {
    id: 'results',
    label: 'Lab results, vital signs and reports',
    types: ['Observation', 'DiagnosticReport', 'Specimen', 'ImagingStudy'],
  },
  { id: 'procedures', label: 'Procedures', types: ['Procedure', 'ServiceRequest'] },
  { id: 'encounters', label: 'Visits and encounters', types: ['Encounter', 'EpisodeOfCare'] },
  { id: 'plans', label: 'Care plans and goals', types: ['CarePlan', 'Goal'] },
  { id: 'documents', label: 'Documents and clinical notes', types: ['DocumentReference', 'Composition', 'Provenance'] },
  { id: 'devices', label: 'Implanted and medical devices', types: ['Device'] },
  {
    id: 'billing',
    label: 'Insurance and billing',
    types: ['Coverage', 'Claim', 'ClaimResponse', 'ExplanationOfBenefit', 'Account', 'Invoice'],
  },
  { id: 'appointments', label: 'Appointments and schedules', types: ['Appointment', 'Schedule', 'Slot'] },
];
