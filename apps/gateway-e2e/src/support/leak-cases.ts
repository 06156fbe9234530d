import { R4_PATIENT_COMPARTMENT_PARAMS } from '@connector/fhir-types';
import { referencesIn } from '@connector/shared-testing';
import type { ExpectedResource } from './expected-resources';
import { type CompartmentOracle, keyOf, type PatientCompartment } from './patient-compartment-oracle';

/*
 * The leak suite's URL table: every URL form a patient-context token for `own` might use to reach `other`'s data,
 * each with what the answer must be according to the source data. Paths are relative to a FHIR base.
 */

export type LeakExpectation =
  /** A 4xx OperationOutcome, or a Bundle with no resource entries and (when given) a total of 0. */
  | { readonly kind: 'nothing' }
  /** One page whose `match` and `include` entries are exactly these `Type/id`s. */
  | { readonly kind: 'exactly'; readonly match: readonly string[]; readonly include: readonly string[] }
  /** Following every `next` link (and back along `previous`) yields exactly these matches, each once. */
  | { readonly kind: 'pages'; readonly match: readonly string[] }
  /** `Bundle.total` is this, whatever the page holds. */
  | { readonly kind: 'total'; readonly total: number }
  /** Matches exactly these; includes at least these (the rest only has to be leak-free). */
  | { readonly kind: 'within'; readonly match: readonly string[]; readonly includeAtLeast: readonly string[] };

export interface LeakCase {
  readonly name: string;
  readonly path: string;
  readonly expect: LeakExpectation;
}

const NOTHING: LeakExpectation = { kind: 'nothing' };
const q = encodeURIComponent;
const keys = (resources: readonly ExpectedResource[]): string[] => resources.map(keyOf);
const ofType = (compartment: PatientCompartment, type: string): ExpectedResource[] =>
  compartment.resources.filter((resource) => resource.type === type);
const referencing = (resources: readonly ExpectedResource[], target: string): ExpectedResource[] =>
  resources.filter((resource) => referencesIn(resource.resource).includes(target));
const codesOf = (resources: readonly ExpectedResource[]): Set<string> =>
  new Set(
    resources.flatMap((resource) =>
      ((resource.resource['code'] as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? []).map(
        (coding) => `${coding.system}|${coding.code}`,
      ),
    ),
  );

/** Types with a Patient compartment that `compartment` has resources of (Patient excluded). */
export function compartmentTypes(compartment: PatientCompartment): string[] {
  return [...new Set(compartment.resources.map((resource) => resource.type))]
    .filter((type) => type !== 'Patient')
    .sort();
}

/** Per type of `other`'s data: its patient parameters, `_id`, the legacy `Patient=` form and the compartment form. */
export function perTypeCases(own: PatientCompartment, other: PatientCompartment): LeakCase[] {
  const b = other.patientId;
  return compartmentTypes(other).flatMap((type): LeakCase[] => {
    const theirIds = ofType(other, type).map((resource) => resource.id);
    // `patient` plus the type's compartment parameters (a parameter the type lacks is a 400, which proves nothing).
    const params = [...new Set(['patient', ...(R4_PATIENT_COMPARTMENT_PARAMS[type] ?? [])])];
    return [
      ...params.flatMap((param) => [
        { name: `${type}?${param}=B`, path: `${type}?${param}=${b}`, expect: NOTHING },
        { name: `${type}?${param}=Patient/B`, path: `${type}?${param}=${q(`Patient/${b}`)}`, expect: NOTHING },
      ]),
      ...params
        .filter((param) => param === 'subject')
        .map((param) => ({
          name: `${type}?${param}:Patient=B`,
          path: `${type}?${param}:Patient=${b}`,
          expect: NOTHING,
        })),
      { name: `${type}?_id=<B's ids>`, path: `${type}?_id=${theirIds.join(',')}`, expect: NOTHING },
      { name: `${type}/_search?Patient=B (legacy)`, path: `${type}/_search?Patient=${b}`, expect: NOTHING },
      { name: `${type}?Patient=B (legacy)`, path: `${type}?Patient=${b}`, expect: NOTHING },
      { name: `Patient/B/${type}`, path: `Patient/${b}/${type}`, expect: NOTHING },
      { name: `Patient/B/${type}/_search`, path: `Patient/${b}/${type}/_search`, expect: NOTHING },
      { name: `Patient/A/${type}?patient=B`, path: `Patient/${own.patientId}/${type}?patient=${b}`, expect: NOTHING },
      { name: `${type}?patient=B&_summary=count`, path: `${type}?patient=${b}&_summary=count`, expect: NOTHING },
      { name: `${type}?patient=B&_format=xml`, path: `${type}?patient=${b}&_format=xml`, expect: NOTHING },
      {
        name: `${type}?_id=<one of A's, B's ids>`,
        path: `${type}?_id=${[
          ...ofType(own, type)
            .slice(0, 1)
            .map((resource) => resource.id),
          ...theirIds,
        ].join(',')}`,
        expect: { kind: 'exactly', match: keys(ofType(own, type).slice(0, 1)), include: [] },
      },
    ];
  });
}

/** Per type A may search: totals and paged result sets equal A's own data, whatever the query form. */
export function ownTypeCases(own: PatientCompartment, other: PatientCompartment, types: readonly string[]): LeakCase[] {
  const a = own.patientId;
  return types.flatMap((type): LeakCase[] => {
    const mine = keys(ofType(own, type));
    return [
      { name: `${type}?_summary=count`, path: `${type}?_summary=count`, expect: { kind: 'total', total: mine.length } },
      {
        name: `${type}?_total=accurate&_count=2`,
        path: `${type}?_total=accurate&_count=2`,
        expect: { kind: 'total', total: mine.length },
      },
      { name: `${type}?_count=2 (paged)`, path: `${type}?_count=2`, expect: { kind: 'pages', match: mine } },
      type === 'Patient'
        ? {
            name: 'Patient?_id=A,B&_count=2 (paged)',
            path: `Patient?_id=${a},${other.patientId}&_count=2`,
            expect: { kind: 'pages', match: mine },
          }
        : {
            name: `${type}?patient=A,B&_count=2 (paged)`,
            path: `${type}?patient=${a},${other.patientId}&_count=2`,
            expect: { kind: 'pages', match: mine },
          },
      {
        name: `Patient/A/${type}?_count=2 (paged)`,
        path: `Patient/${a}/${type}?_count=2`,
        expect: { kind: 'pages', match: mine },
      },
    ];
  });
}

/** Includes, iterates, chains and XML that involve no other patient: they must answer exactly A's own data. */
export function ownReferenceCases(own: PatientCompartment): LeakCase[] {
  const ownPatient = `Patient/${own.patientId}`;
  const myObservations = keys(ofType(own, 'Observation'));
  const myEncounters = ofType(own, 'Encounter');
  const claimsOfMyEncounters = ofType(own, 'Claim').filter((claim) =>
    referencesIn(claim.resource).some((reference) => myEncounters.some((encounter) => reference === keyOf(encounter))),
  );
  return [
    { name: 'Patient', path: 'Patient', expect: { kind: 'exactly', match: [ownPatient], include: [] } },
    {
      name: 'Patient?_revinclude=Observation:subject',
      path: 'Patient?_revinclude=Observation:subject',
      expect: { kind: 'exactly', match: [ownPatient], include: myObservations },
    },
    {
      name: 'Observation?_include=Observation:subject&_count=1000',
      path: 'Observation?_include=Observation:subject&_count=1000',
      expect: { kind: 'exactly', match: myObservations, include: [ownPatient] },
    },
    {
      name: 'Observation?_include=Observation:encounter&_include:iterate=Encounter:patient&_count=1000',
      path: 'Observation?_include=Observation:encounter&_include:iterate=Encounter:patient&_count=1000',
      expect: {
        kind: 'exactly',
        match: myObservations,
        include: [
          ...new Set(
            ofType(own, 'Observation').flatMap((observation) =>
              referencesIn(observation.resource).filter((reference) => reference.startsWith('Encounter/')),
            ),
          ),
          ownPatient,
        ],
      },
    },
    {
      name: 'Encounter?_revinclude=Claim:encounter&_include:iterate=Claim:patient&_count=1000',
      path: 'Encounter?_revinclude=Claim:encounter&_include:iterate=Claim:patient&_count=1000',
      expect: {
        kind: 'within',
        match: keys(myEncounters),
        includeAtLeast: [...keys(claimsOfMyEncounters), ownPatient],
      },
    },
    {
      name: 'Observation?subject:Patient.name=<A family>&_count=2 (paged)',
      path: `Observation?subject:Patient.name=${q(own.family)}&_count=2`,
      expect: { kind: 'pages', match: myObservations },
    },
    {
      name: 'Observation?patient.identifier=<A identifier>&_count=2 (paged)',
      path: `Observation?patient.identifier=${q(own.identifier)}&_count=2`,
      expect: { kind: 'pages', match: myObservations },
    },
    {
      name: 'Observation?_format=xml&_count=1000',
      path: 'Observation?_format=xml&_count=1000',
      expect: { kind: 'exactly', match: myObservations, include: [] },
    },
    { name: 'Observation/_history (type history)', path: 'Observation/_history', expect: NOTHING },
  ];
}

/** Includes, iterates, chains and `_has`, aimed at B directly and through the resources A and B share. */
export function crossReferenceCases(
  oracle: CompartmentOracle,
  own: PatientCompartment,
  other: PatientCompartment,
): LeakCase[] {
  const [a, b] = [own.patientId, other.patientId];
  const ownPatient = `Patient/${a}`;
  const myObservations = keys(ofType(own, 'Observation'));
  const myEncounters = ofType(own, 'Encounter');
  const theirEncounters = ofType(other, 'Encounter');
  const theirCodes = codesOf(ofType(other, 'Observation'));
  const myCodes = codesOf(ofType(own, 'Observation'));
  const onlyTheirs = [...theirCodes].find((code) => !myCodes.has(code));
  const common = [...theirCodes].find((code) => myCodes.has(code));
  const shared = oracle.all.filter(
    (resource) =>
      (resource.type === 'Practitioner' || resource.type === 'Organization') &&
      referencing(myEncounters, keyOf(resource)).length > 0 &&
      referencing(theirEncounters, keyOf(resource)).length > 0,
  );
  const sharedCases = shared.flatMap((resource): LeakCase[] => {
    const key = keyOf(resource);
    const mine = keys(referencing(myEncounters, key));
    const param = resource.type === 'Practitioner' ? 'practitioner' : 'service-provider';
    return [
      {
        name: `Encounter?${param}=<shared ${resource.type}>`,
        path: `Encounter?${param}=${q(key)}&_count=5`,
        expect: { kind: 'pages', match: mine },
      },
      {
        name: `${resource.type}?_id=<shared>&_revinclude=Encounter:${param}`,
        path: `${resource.type}?_id=${resource.id}&_revinclude=Encounter:${param}`,
        expect: { kind: 'exactly', match: [key], include: mine },
      },
      {
        name: `${resource.type}?_id=<shared>&_revinclude=Encounter:${param}&_include:iterate=Encounter:patient`,
        path: `${resource.type}?_id=${resource.id}&_revinclude=Encounter:${param}&_include:iterate=Encounter:patient`,
        expect: { kind: 'exactly', match: [key], include: [...mine, ownPatient] },
      },
      {
        name: `Encounter?patient=A&_include=Encounter:${param}&_revinclude:iterate=Encounter:${param}`,
        path: `Encounter?patient=${a}&_count=1000&_include=Encounter:${param}&_revinclude:iterate=Encounter:${param}`,
        expect: { kind: 'within', match: keys(myEncounters), includeAtLeast: [key] },
      },
      {
        name: `${resource.type}?_id=<shared>&_revinclude=*`,
        path: `${resource.type}?_id=${resource.id}&_revinclude=*`,
        expect: { kind: 'within', match: [key], includeAtLeast: mine },
      },
    ];
  });
  return [
    { name: 'Patient?_id=B', path: `Patient?_id=${b}`, expect: NOTHING },
    {
      name: 'Patient?_id=A,B',
      path: `Patient?_id=${a},${b}`,
      expect: { kind: 'exactly', match: [ownPatient], include: [] },
    },
    { name: 'Patient?family=<B family>', path: `Patient?family=${q(other.family)}`, expect: NOTHING },
    { name: 'Patient?identifier=<B identifier>', path: `Patient?identifier=${q(other.identifier)}`, expect: NOTHING },
    {
      name: 'Patient?_id=B&_revinclude=Observation:subject',
      path: `Patient?_id=${b}&_revinclude=Observation:subject`,
      expect: NOTHING,
    },
    {
      name: 'Patient?_id=A,B&_revinclude=Observation:subject',
      path: `Patient?_id=${a},${b}&_revinclude=Observation:subject`,
      expect: { kind: 'exactly', match: [ownPatient], include: myObservations },
    },
    {
      name: 'Observation?_id=<B obs>&_include=Observation:subject',
      path: `Observation?_id=${ofType(other, 'Observation')[0]?.id ?? 'none'}&_include=Observation:subject`,
      expect: NOTHING,
    },
    {
      name: 'Encounter?_id=<B enc>&_revinclude=*&_include:iterate=*',
      path: `Encounter?_id=${theirEncounters[0]?.id ?? 'none'}&_revinclude=*&_include:iterate=*`,
      expect: NOTHING,
    },
    {
      name: 'Observation?subject.name=<B family>',
      path: `Observation?subject.name=${q(other.family)}`,
      expect: NOTHING,
    },
    {
      name: 'Observation?subject:Patient.name=<B family>',
      path: `Observation?subject:Patient.name=${q(other.family)}`,
      expect: NOTHING,
    },
    {
      name: 'Observation?subject:Patient.identifier=<B identifier>',
      path: `Observation?subject:Patient.identifier=${q(other.identifier)}`,
      expect: NOTHING,
    },
    {
      name: 'Observation?patient.identifier=<B identifier>',
      path: `Observation?patient.identifier=${q(other.identifier)}`,
      expect: NOTHING,
    },
    {
      name: 'Observation?patient.name=<A family>,<B family>&_count=10 (paged)',
      path: `Observation?patient.name=${q(own.family)},${q(other.family)}&_count=10`,
      expect: { kind: 'pages', match: myObservations },
    },
    {
      name: 'Claim?encounter.subject=B (chain through Encounter)',
      path: `Claim?encounter.subject=${q(`Patient/${b}`)}`,
      expect: NOTHING,
    },
    {
      name: 'Patient?_has:Observation:subject:code=<code only B has>',
      path: `Patient?_has:Observation:subject:code=${q(onlyTheirs ?? 'none|none')}`,
      expect: NOTHING,
    },
    {
      name: 'Patient?_has:Observation:subject:code=<code A and B have>',
      path: `Patient?_has:Observation:subject:code=${q(common ?? 'none|none')}`,
      expect: { kind: 'exactly', match: common === undefined ? [] : [ownPatient], include: [] },
    },
    {
      name: "Patient?_has:Observation:patient:_id=<B's observation>",
      path: `Patient?_has:Observation:patient:_id=${ofType(other, 'Observation')[0]?.id ?? 'none'}`,
      expect: NOTHING,
    },
    {
      name: 'Patient?_id=A,B&_revinclude=Observation:subject&_format=xml',
      path: `Patient?_id=${a},${b}&_revinclude=Observation:subject&_format=xml`,
      expect: { kind: 'exactly', match: [ownPatient], include: myObservations },
    },
    { name: 'Patient/B/$everything', path: `Patient/${b}/$everything`, expect: NOTHING },
    ...sharedCases,
  ];
}
