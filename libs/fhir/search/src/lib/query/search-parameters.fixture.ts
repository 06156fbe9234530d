import type { SearchParameterDefinition, SearchParamType } from '@connector/fhir-search-parameters';
import type { SearchParameterLookup } from './search-parameter-lookup';

// Test-only: a few R4 SearchParameter definitions copied from https://hl7.org/fhir/R4/searchparameter-registry.html
// (code, type, expression narrowed to the base, targets), enough for the query parser specs.

type Row = [resourceType: string, code: string, type: SearchParamType, expression: string, target?: string[]];

const PATIENT_OWNERS = ['Group', 'Device', 'Patient', 'Location'];
const ROWS: Row[] = [
  ['Resource', '_id', 'token', 'Resource.id'],
  ['Resource', '_lastUpdated', 'date', 'Resource.meta.lastUpdated'],
  ['Resource', '_tag', 'token', 'Resource.meta.tag'],
  ['Resource', '_profile', 'uri', 'Resource.meta.profile'],
  ['Resource', '_security', 'token', 'Resource.meta.security'],
  ['Patient', 'name', 'string', 'Patient.name'],
  ['Patient', 'family', 'string', 'Patient.name.family'],
  ['Patient', 'given', 'string', 'Patient.name.given'],
  ['Patient', 'birthdate', 'date', 'Patient.birthDate'],
  ['Patient', 'gender', 'token', 'Patient.gender'],
  ['Patient', 'active', 'token', 'Patient.active'],
  ['Patient', 'identifier', 'token', 'Patient.identifier'],
  ['Patient', 'general-practitioner', 'reference', 'Patient.generalPractitioner', ['Organization', 'Practitioner', 'PractitionerRole']],
  ['Patient', 'organization', 'reference', 'Patient.managingOrganization', ['Organization']],
  ['Practitioner', 'name', 'string', 'Practitioner.name'],
  ['Practitioner', 'address-state', 'string', 'Practitioner.address.state'],
  ['Organization', 'name', 'string', 'Organization.name | Organization.alias'],
  ['Observation', 'code', 'token', 'Observation.code'],
  ['Observation', 'category', 'token', 'Observation.category'],
  ['Observation', 'date', 'date', 'Observation.effective'],
  ['Observation', 'subject', 'reference', 'Observation.subject', PATIENT_OWNERS],
  ['Observation', 'patient', 'reference', 'Observation.subject.where(resolve() is Patient)', ['Patient']],
  ['Observation', 'performer', 'reference', 'Observation.performer', ['Practitioner', 'Organization', 'CareTeam', 'Patient', 'PractitionerRole', 'RelatedPerson']],
  ['Observation', 'value-quantity', 'quantity', '(Observation.value as Quantity) | (Observation.value as SampledData)'],
  ['Observation', 'component-code', 'token', 'Observation.component.code'],
  ['Observation', 'component-value-quantity', 'quantity', '(Observation.component.value as Quantity)'],
  ['Observation', 'code-value-quantity', 'composite', 'Observation'],
  ['Observation', 'component-code-value-quantity', 'composite', 'Observation.component'],
  ['Encounter', 'date', 'date', 'Encounter.period'],
  ['Encounter', 'patient', 'reference', 'Encounter.subject.where(resolve() is Patient)', ['Patient']],
  ['Condition', 'onset-date', 'date', 'Condition.onset.as(dateTime) | Condition.onset.as(Period)'],
  ['Condition', 'patient', 'reference', 'Condition.subject.where(resolve() is Patient)', ['Patient']],
  ['DiagnosticReport', 'subject', 'reference', 'DiagnosticReport.subject', PATIENT_OWNERS],
  ['DiagnosticReport', 'result', 'reference', 'DiagnosticReport.result', ['Observation']],
  ['AdverseEvent', 'subject', 'reference', 'AdverseEvent.subject', ['Practitioner', 'Group', 'Patient', 'RelatedPerson']],
  ['Device', 'patient', 'reference', 'Device.patient', ['Patient']],
  ['AuditEvent', 'entity', 'reference', 'AuditEvent.entity.what'],
  ['AuditEvent', 'agent', 'reference', 'AuditEvent.agent.who', ['Practitioner', 'Organization', 'Device', 'Patient', 'PractitionerRole', 'RelatedPerson']],
  ['Provenance', 'target', 'reference', 'Provenance.target'],
  ['MedicationRequest', 'patient', 'reference', 'MedicationRequest.subject.where(resolve() is Patient)', ['Patient']],
  ['MedicationRequest', 'medication', 'reference', '(MedicationRequest.medication as Reference)', ['Medication']],
  ['ValueSet', 'url', 'uri', 'ValueSet.url'],
  ['Location', 'near', 'special', 'Location.position'],
  ['RiskAssessment', 'probability', 'number', 'RiskAssessment.prediction.probability'],
];

const COMPONENTS: Record<string, SearchParameterDefinition['component']> = {
  'Observation.code-value-quantity': [
    { code: 'code', expression: 'code' },
    { code: 'value-quantity', expression: 'value.as(Quantity)' },
  ],
  'Observation.component-code-value-quantity': [
    { code: 'component-code', expression: 'code' },
    { code: 'component-value-quantity', expression: 'value.as(Quantity)' },
  ],
};

const DEFINITIONS = new Map<string, SearchParameterDefinition>(
  ROWS.map(([resourceType, code, type, expression, target]) => {
    const key = `${resourceType}.${code}`;
    const component = COMPONENTS[key];
    const definition: SearchParameterDefinition = {
      url: `http://hl7.org/fhir/SearchParameter/${resourceType}-${code}`,
      code,
      resourceType,
      type,
      expression,
      source: 'r4',
      ...(target ? { target } : {}),
      ...(component ? { component } : {}),
    };
    return [key, definition];
  }),
);

/** Lookup over the definitions above; Resource-level parameters are filed under `Resource` only. */
export const testLookup: SearchParameterLookup = (resourceType, code) => DEFINITIONS.get(`${resourceType}.${code}`);

/** The definition the specs expect a parameter to resolve to. */
export function testDefinition(resourceType: string, code: string): SearchParameterDefinition {
  const definition = DEFINITIONS.get(`${resourceType}.${code}`);
  if (!definition) {
    throw new Error(`No test definition ${resourceType}.${code}`);
  }
  return definition;
}
