import {
  searchParametersFor,
  type SearchParameterDefinition,
  type SearchParamType,
} from '@connector/fhir-search-parameters';
import fc from 'fast-check';
import { findSearchParameter, type SearchParameterLookup } from './search-parameter-lookup';
import { TEST_BASE_URL } from './search-query.test-util';
import { SEARCH_PREFIXES } from './search-value.types';

/*
 * Test-only: fast-check arbitraries of search queries for the property specs. Parameters are written by a grammar of
 * the spec (names, modifiers, chains, _has, result parameters, values of the parameter's type), by the same grammar's
 * pieces thrown together, or as unconstrained strings. See https://hl7.org/fhir/R4/search.html
 */

/** Lists below are written as words: one per whitespace-separated token. */
const words = (text: string): string[] => text.trim().split(/\s+/);

/** Query parameters in order, as [name, value]. */
export type Params = ReadonlyArray<readonly [string, string]>;
type Param = readonly [string, string];

const TYPES = words(`
  Patient Observation Encounter Condition DiagnosticReport RiskAssessment ValueSet Location AuditEvent
  MedicationRequest Practitioner Group NotAType
`);

/** Modifiers by type as https://hl7.org/fhir/R4/search.html#modifiers lists them (plus :missing and :Type). */
const SPEC_MODIFIERS: Record<SearchParamType, readonly string[]> = {
  string: ['exact', 'contains'],
  token: ['text', 'not', 'above', 'below', 'in', 'not-in', 'of-type'],
  reference: ['identifier'],
  uri: ['above', 'below'],
  date: [],
  number: [],
  quantity: [],
  composite: [],
  special: [],
};

const escape = (text: string) => text.replace(/[\\,|$]/g, '\\$&');
const word = fc.string({ minLength: 1, maxLength: 8 }).map(escape);
const id = fc.stringMatching(/^[A-Za-z0-9\-.]{1,12}$/);
const system = fc.constantFrom('http://loinc.org', 'urn:oid:2.16.840.1', 'http://acme.org/x\\|y');
const prefix = fc.option(fc.constantFrom(...SEARCH_PREFIXES), { nil: '' });
const date = fc.constantFrom(
  ...words('2020 2020-02 2020-02-29 2019-12-31T23:59Z 2013-01-14T10:00:00+05:00 2015-02-07T13:28:17.239Z 2021-02-29'),
);
const number = fc.oneof(
  fc.constantFrom('0', '5.4', '-3', '1e2', '100.00', '1e999'),
  fc.double({ noNaN: true }).map(String),
);
const token = fc.oneof(
  word,
  fc.tuple(system, word).map(([s, c]) => `${s}|${c}`),
  word.map((c) => `|${c}`),
  system.map((s) => `${s}|`),
);

/** One value of `definition`'s type under `modifier`, as the spec writes it. */
function valueOf(definition: SearchParameterDefinition, modifier: string | undefined): fc.Arbitrary<string> {
  if (modifier === 'missing') {
    return fc.constantFrom('true', 'false');
  }
  if (modifier === 'of-type') {
    return fc.tuple(system, word, word).map((parts) => parts.join('|'));
  }
  if (modifier === 'text' || modifier === 'in' || modifier === 'not-in') {
    return word;
  }
  const targets = definition.target?.length ? definition.target : ['Patient'];
  switch (definition.type) {
    case 'date':
      return fc.tuple(prefix, date).map(([p, d]) => p + d);
    case 'number':
      return fc.tuple(prefix, number).map(([p, n]) => p + n);
    case 'quantity':
      return fc
        .tuple(prefix, number, fc.constantFrom('', '|http://unitsofmeasure.org|mg', '||mg'))
        .map((parts) => parts.join(''));
    case 'token':
      return token;
    case 'reference':
      return modifier === 'identifier'
        ? token
        : fc.oneof(
            id,
            fc
              .tuple(fc.constantFrom(...targets), id, fc.option(id))
              .map(([t, i, v]) => `${t}/${i}${v === null ? '' : `/_history/${v}`}`),
            fc.constantFrom(`${TEST_BASE_URL}/${targets[0]}/1`, 'http://other.org/fhir/Patient/1', 'urn:uuid:6c1d'),
          );
    case 'composite':
      return fc.tuple(token, prefix, number).map(([t, p, n]) => `${t}$${p}${n}`);
    case 'string':
    case 'uri':
    case 'special':
      return word;
  }
}

/**
 * `code[:modifier]=value` for one of the type's parameters (the modifier one the spec allows, now and then). The
 * parameter type is drawn first so that the rarer types (number, quantity, composite) come up as often as tokens.
 */
function simpleParam(definitions: readonly SearchParameterDefinition[]): fc.Arbitrary<Param> {
  const types = [...new Set(definitions.map((definition) => definition.type))];
  const ofType = (type: SearchParamType) => definitions.filter((definition) => definition.type === type);
  return fc
    .constantFrom(...types)
    .chain((type) => fc.constantFrom(...ofType(type)))
    .chain((definition) => {
      const modifiers = [
        ...SPEC_MODIFIERS[definition.type],
        'missing',
        ...(definition.type === 'reference' ? (definition.target ?? []) : []),
      ];
      return fc
        .option(fc.constantFrom(...modifiers), { freq: 2 })
        .chain((modifier) =>
          valueOf(definition, modifier ?? undefined).map((value): Param => [
            modifier === null ? definition.code : `${definition.code}:${modifier}`,
            value,
          ]),
        );
    });
}

/** What the grammar can write for one resource type under one lookup. */
function wellFormedParam(resourceType: string, lookup: SearchParameterLookup): fc.Arbitrary<Param> | undefined {
  const definitionsOf = (type: string) =>
    searchParametersFor(type)
      .map((definition) => findSearchParameter(lookup, type, definition.code))
      .filter((definition): definition is SearchParameterDefinition => definition !== undefined);
  const own = definitionsOf(resourceType);
  if (own.length === 0) {
    return undefined;
  }
  const references = own.filter((definition) => definition.type === 'reference' && definition.target?.length);
  const chains = references.flatMap((reference) =>
    (reference.target ?? [])
      .filter((target) => definitionsOf(target).length > 0)
      .map((target) => ({ reference, target })),
  );
  const sources = TYPES.flatMap((type) =>
    definitionsOf(type)
      .filter(
        (definition) =>
          definition.type === 'reference' && (!definition.target?.length || definition.target.includes(resourceType)),
      )
      .map((reference) => ({ type, reference })),
  );
  const arms: Array<fc.Arbitrary<Param>> = [
    simpleParam(own),
    simpleParam(own),
    resultParam(resourceType, own, references),
  ];
  if (chains.length > 0) {
    arms.push(
      fc
        .constantFrom(...chains)
        .chain(({ reference, target }) =>
          simpleParam(definitionsOf(target)).map(([name, value]): Param => [
            `${reference.code}:${target}.${name}`,
            value,
          ]),
        ),
    );
  }
  if (sources.length > 0) {
    arms.push(
      fc
        .constantFrom(...sources)
        .chain(({ type, reference }) =>
          simpleParam(definitionsOf(type)).map(([name, value]): Param => [
            `_has:${type}:${reference.code}:${name}`,
            value,
          ]),
        ),
    );
  }
  return fc.oneof(...arms);
}

function resultParam(
  resourceType: string,
  own: readonly SearchParameterDefinition[],
  references: readonly SearchParameterDefinition[],
): fc.Arbitrary<Param> {
  const sortable = fc.constantFrom(
    ...own.filter((definition) => definition.type !== 'composite' && definition.type !== 'special'),
  );
  const include =
    references.length === 0
      ? fc.constant('*')
      : fc.constantFrom(...references).map((reference) => `${resourceType}:${reference.code}`);
  return fc.oneof(
    fc.nat({ max: 2000 }).map((count): Param => ['_count', String(count)]),
    fc
      .array(fc.tuple(fc.boolean(), sortable), { minLength: 1, maxLength: 2 })
      .map((keys): Param => ['_sort', keys.map(([down, d]) => (down ? '-' : '') + d.code).join(',')]),
    fc.tuple(fc.constantFrom('_include', '_include:iterate'), include).map((param): Param => param),
    fc.constantFrom<Param>(
      ['_total', 'accurate'],
      ['_summary', 'count'],
      ['_elements', 'id,name'],
      ['_format', 'json'],
      ['_revinclude', 'Provenance:target'],
    ),
  );
}

/** Spec-shaped pieces in any combination: real codes with any modifier, dangling `:` and `.`, values of another type. */
const PIECES = words(`
  name given:exact birthdate gender:not identifier:of-type general-practitioner:Practitioner.name
  subject:Foo _has:Observation:patient:code _has:Observation: _has:NotAType:x:y Patient _count _sort
  _include:deep _revinclude:iterate _total _summary:x _elements _lastUpdated _tag:text
  organization.name code-value-quantity x : . a.b.c name:
`);
const ATOMS = words(`
  ge2013-01-14T10:00 sa2020-13 ne0000 eb2020-01-01T24:00Z ap2016-12-31T23:59:60Z
  http://loinc.org|8302-2 | a|b|c true 5.4 ap1e-400 5|x Patient/1 Foo/1 a/b/c Observation:patient:Foo
  * -date,_id none value[x] 1$gt5 $ \\ \\, ,
`);
const noisyParam = fc.tuple(
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 2 }).map((pieces) => pieces.join('')),
  fc.array(fc.constantFrom(...ATOMS), { maxLength: 3 }).map((atoms) => atoms.join('')),
);
const randomParam = fc.tuple(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

function queryOf(resourceType: string, lookup: SearchParameterLookup): fc.Arbitrary<Params> {
  const wellFormed = wellFormedParam(resourceType, lookup);
  const param = fc.oneof(
    { arbitrary: wellFormed ?? noisyParam, weight: 12 },
    { arbitrary: noisyParam, weight: 2 },
    { arbitrary: randomParam, weight: 1 },
  );
  return fc.array(param, { minLength: 1, maxLength: 3 });
}

/** A resource type of a fixed mix (one unknown), a query on it under `lookup`, and whether to parse leniently. */
export function searchQueries(lookup: SearchParameterLookup) {
  const byType = new Map(TYPES.map((resourceType) => [resourceType, queryOf(resourceType, lookup)]));
  return fc.constantFrom(...TYPES).chain((resourceType) =>
    fc.record({
      resourceType: fc.constant(resourceType),
      query: byType.get(resourceType) as fc.Arbitrary<Params>,
      lenient: fc.boolean(),
    }),
  );
}
