import type * as R4 from 'fhir/r4';
import {
  addressStrings,
  codeTokens,
  conceptTokens,
  dateIntervals,
  humanNameStrings,
  identifierTokens,
  periodInterval,
  type Interval,
  type Token,
} from './oracle-values.util';

/*
 * The oracle's reading of every search parameter the US Core CapabilityStatement makes the suite use, written by hand
 * from the US Core 6.1.0 SearchParameter `expression`s (../shared/data/us-core/definitions/us-core-6.1.0) as plain
 * property access — no FHIRPath, no indexer. Declarative table: one line per parameter.
 */

export type Json = Record<string, unknown>;

export type Accessor =
  | { readonly type: 'token'; readonly read: (resource: Json) => Token[] }
  | { readonly type: 'string'; readonly read: (resource: Json) => string[] }
  | { readonly type: 'date'; readonly read: (resource: Json) => Interval[] }
  /** Reference strings as stored; `targets` are the types the parameter may point to (`where(resolve() is T)`). */
  | { readonly type: 'reference'; readonly targets: readonly string[]; readonly read: (resource: Json) => string[] };

const token = <T>(read: (resource: T) => Token[]): Accessor => ({ type: 'token', read: (r) => read(r as T) });
const text = <T>(read: (resource: T) => string[]): Accessor => ({ type: 'string', read: (r) => read(r as T) });
const date = <T>(read: (resource: T) => Interval[]): Accessor => ({ type: 'date', read: (r) => read(r as T) });
const reference = <T>(targets: string[], read: (resource: T) => (R4.Reference | undefined)[]): Accessor => ({
  type: 'reference',
  targets,
  read: (r) =>
    read(r as T)
      .map((each) => each?.reference)
      .filter((each): each is string => typeof each === 'string'),
});

/** `_id`: the logical id (https://hl7.org/fhir/R4/search.html#id). */
const ID = token<R4.Resource>((r) => codeTokens(r.id));
/** `X.subject.where(resolve() is Patient)`: only a subject that is a Patient counts. */
const SUBJECT_PATIENT = reference<{ subject?: R4.Reference }>(['Patient'], (r) => [r.subject]);

/**
 * Timing (not in the data today): R4 search.html#date says only "the outer limits" of the schedule matter, read
 * here as the span from the earliest to the latest `event`.
 */
function timingIntervals(timing: R4.Timing | undefined): Interval[] {
  const events = dateIntervals(...(timing?.event ?? []));
  return events.length === 0
    ? []
    : [{ low: Math.min(...events.map((e) => e.low)), high: Math.max(...events.map((e) => e.high)) }];
}

const ASSERTED_DATE = 'http://hl7.org/fhir/StructureDefinition/condition-assertedDate';

export const ORACLE_ACCESSORS: Readonly<Record<string, Accessor>> = {
  'AllergyIntolerance.patient': reference<R4.AllergyIntolerance>(['Patient'], (r) => [r.patient]),
  'CarePlan.patient': SUBJECT_PATIENT,
  'CarePlan.category': token<R4.CarePlan>((r) => conceptTokens(r.category)),
  'CarePlan.date': date<R4.CarePlan>((r) => periodInterval(r.period)),
  'CarePlan.status': token<R4.CarePlan>((r) => codeTokens(r.status)),
  'CareTeam.patient': SUBJECT_PATIENT,
  'CareTeam.status': token<R4.CareTeam>((r) => codeTokens(r.status)),
  'Condition.patient': SUBJECT_PATIENT,
  'Condition.category': token<R4.Condition>((r) => conceptTokens(r.category)),
  'Condition.onset-date': date<R4.Condition>((r) => [
    ...dateIntervals(r.onsetDateTime),
    ...periodInterval(r.onsetPeriod),
  ]),
  'Condition.abatement-date': date<R4.Condition>((r) => [
    ...dateIntervals(r.abatementDateTime),
    ...periodInterval(r.abatementPeriod),
  ]),
  'Condition.recorded-date': date<R4.Condition>((r) => dateIntervals(r.recordedDate)),
  'Condition.asserted-date': date<R4.Condition>((r) =>
    dateIntervals(...(r.extension ?? []).filter((e) => e.url === ASSERTED_DATE).map((e) => e.valueDateTime)),
  ),
  'Coverage.patient': reference<R4.Coverage>(['Patient'], (r) => [r.beneficiary]),
  'Device.patient': reference<R4.Device>(['Patient'], (r) => [r.patient]),
  'Device.status': token<R4.Device>((r) => codeTokens(r.status)),
  'DiagnosticReport.patient': SUBJECT_PATIENT,
  'DiagnosticReport.category': token<R4.DiagnosticReport>((r) => conceptTokens(r.category)),
  'DiagnosticReport.code': token<R4.DiagnosticReport>((r) => conceptTokens([r.code])),
  'DiagnosticReport.date': date<R4.DiagnosticReport>((r) => [
    ...dateIntervals(r.effectiveDateTime),
    ...periodInterval(r.effectivePeriod),
  ]),
  'DiagnosticReport.status': token<R4.DiagnosticReport>((r) => codeTokens(r.status)),
  'DocumentReference._id': ID,
  'DocumentReference.patient': SUBJECT_PATIENT,
  'DocumentReference.category': token<R4.DocumentReference>((r) => conceptTokens(r.category)),
  'DocumentReference.type': token<R4.DocumentReference>((r) => conceptTokens([r.type])),
  'DocumentReference.date': date<R4.DocumentReference>((r) => dateIntervals(r.date)),
  'DocumentReference.period': date<R4.DocumentReference>((r) => periodInterval(r.context?.period)),
  'DocumentReference.status': token<R4.DocumentReference>((r) => codeTokens(r.status)),
  'Encounter._id': ID,
  'Encounter.patient': SUBJECT_PATIENT,
  'Encounter.date': date<R4.Encounter>((r) => periodInterval(r.period)),
  // `(Goal.target.due as date)`: dueDate only; a dueDuration is not a date.
  'Goal.patient': SUBJECT_PATIENT,
  'Goal.target-date': date<R4.Goal>((r) => dateIntervals(...(r.target ?? []).map((target) => target.dueDate))),
  // `Immunization.occurrence`: occurrenceString is free text, not a date.
  'Immunization.patient': reference<R4.Immunization>(['Patient'], (r) => [r.patient]),
  'Immunization.date': date<R4.Immunization>((r) => dateIntervals(r.occurrenceDateTime)),
  'Location.name': text<R4.Location>((r) => [...(r.name === undefined ? [] : [r.name]), ...(r.alias ?? [])]),
  'Location.address': text<R4.Location>((r) => addressStrings(r.address === undefined ? [] : [r.address])),
  'MedicationDispense.patient': SUBJECT_PATIENT,
  'MedicationDispense.status': token<R4.MedicationDispense>((r) => codeTokens(r.status)),
  'MedicationDispense.type': token<R4.MedicationDispense>((r) => conceptTokens([r.type])),
  'MedicationRequest.patient': SUBJECT_PATIENT,
  'MedicationRequest.intent': token<R4.MedicationRequest>((r) => codeTokens(r.intent)),
  'MedicationRequest.status': token<R4.MedicationRequest>((r) => codeTokens(r.status)),
  'MedicationRequest.authoredon': date<R4.MedicationRequest>((r) => dateIntervals(r.authoredOn)),
  'Observation.patient': SUBJECT_PATIENT,
  'Observation.category': token<R4.Observation>((r) => conceptTokens(r.category)),
  'Observation.code': token<R4.Observation>((r) => conceptTokens([r.code])),
  'Observation.date': date<R4.Observation>((r) => [
    ...dateIntervals(r.effectiveDateTime, r.effectiveInstant),
    ...periodInterval(r.effectivePeriod),
    ...timingIntervals(r.effectiveTiming),
  ]),
  'Observation.status': token<R4.Observation>((r) => codeTokens(r.status)),
  'Organization.name': text<R4.Organization>((r) => [...(r.name === undefined ? [] : [r.name]), ...(r.alias ?? [])]),
  'Organization.address': text<R4.Organization>((r) => addressStrings(r.address)),
  'Patient._id': ID,
  'Patient.identifier': token<R4.Patient>((r) => identifierTokens(r.identifier)),
  'Patient.name': text<R4.Patient>((r) => humanNameStrings(r.name)),
  'Patient.birthdate': date<R4.Patient>((r) => dateIntervals(r.birthDate)),
  'Patient.gender': token<R4.Patient>((r) => codeTokens(r.gender)),
  'Practitioner.name': text<R4.Practitioner>((r) => humanNameStrings(r.name)),
  'Practitioner.identifier': token<R4.Practitioner>((r) => identifierTokens(r.identifier)),
  'PractitionerRole.specialty': token<R4.PractitionerRole>((r) => conceptTokens(r.specialty)),
  'PractitionerRole.practitioner': reference<R4.PractitionerRole>(['Practitioner'], (r) => [r.practitioner]),
  'Procedure.patient': SUBJECT_PATIENT,
  'Procedure.date': date<R4.Procedure>((r) => [
    ...dateIntervals(r.performedDateTime),
    ...periodInterval(r.performedPeriod),
  ]),
  'Procedure.status': token<R4.Procedure>((r) => codeTokens(r.status)),
  // Provenance.target points at any type; `_revinclude=Provenance:target` is its only use here.
  'Provenance.target': reference<R4.Provenance>(['*'], (r) => r.target),
  'QuestionnaireResponse._id': ID,
  'QuestionnaireResponse.patient': SUBJECT_PATIENT,
  'QuestionnaireResponse.status': token<R4.QuestionnaireResponse>((r) => codeTokens(r.status)),
  'QuestionnaireResponse.authored': date<R4.QuestionnaireResponse>((r) => dateIntervals(r.authored)),
  'RelatedPerson._id': ID,
  'ServiceRequest._id': ID,
  'ServiceRequest.patient': SUBJECT_PATIENT,
  'ServiceRequest.category': token<R4.ServiceRequest>((r) => conceptTokens(r.category)),
  'ServiceRequest.code': token<R4.ServiceRequest>((r) => conceptTokens([r.code])),
  'ServiceRequest.authored': date<R4.ServiceRequest>((r) => dateIntervals(r.authoredOn)),
  'ServiceRequest.status': token<R4.ServiceRequest>((r) => codeTokens(r.status)),
  'Specimen._id': ID,
};

/** The oracle's accessor of `resourceType.code`; a parameter the table lacks is a loud suite error, never a skip. */
export function oracleAccessor(resourceType: string, code: string): Accessor {
  const accessor = ORACLE_ACCESSORS[`${resourceType}.${code}`];
  if (accessor === undefined) {
    throw new Error(`The conformance oracle has no accessor for ${resourceType}.${code}: add one to ORACLE_ACCESSORS`);
  }
  return accessor;
}
