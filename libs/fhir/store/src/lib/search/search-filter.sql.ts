import type { ParameterFilter, SearchCondition, SearchFilter } from '@connector/fhir-search';
import type { SearchParamType } from '@connector/fhir-search-parameters';
import { FhirError } from '@connector/fhir-outcomes';
import type { IndexValueType } from '../index-tables/search-index.tables';
import { compositeCondition } from './composite.conditions';
import { dateCondition, numberCondition, quantityCondition } from './ordered-value.conditions';
import { patientCompartmentCondition } from './compartment.conditions';
import type { SqlBinder } from './sql-binder';
import {
  ofTypeCondition,
  referenceCondition,
  stringCondition,
  tokenCondition,
  tokenTextCondition,
  uriCondition,
} from './text-value.conditions';

/** A 400 for search features the engine does not implement yet (terminology, special parameters). */
export function notSupportedYet(what: string): FhirError {
  return FhirError.badRequest(`${what} is not supported yet`);
}

/** The index table of a parameter type; composites spread over their components' tables, special ones have none. */
function indexTableOf(type: SearchParamType, code: string): IndexValueType {
  if (type === 'composite' || type === 'special') {
    throw notSupportedYet(`Searching the ${type} parameter "${code}"`);
  }
  return type;
}

/**
 * A boolean SQL condition saying that the resource of `resourceType` whose id is in `idColumn` matches `filter`
 * (https://hl7.org/fhir/R4/search.html): one IN-subquery over the parameter's index table; chains and `_has` nest
 * such conditions on the target (or source) type inside a subquery over the reference table. Values are bound.
 */
export function filterCondition(
  filter: SearchFilter,
  resourceType: string,
  idColumn: string,
  binder: SqlBinder,
): string {
  switch (filter.kind) {
    case 'parameter':
      return filter.code === '_id'
        ? idCondition(filter, idColumn, binder)
        : parameterCondition(filter, resourceType, idColumn, binder);
    case 'chain':
      return chainCondition(filter, resourceType, idColumn, binder);
    case 'has':
      return hasCondition(filter, resourceType, idColumn, binder);
    case 'compartment':
      return patientCompartmentCondition(resourceType, filter.ids, idColumn, binder);
  }
}

/**
 * `subject:Patient.name=x`: a reference row of this resource points to a target that matches the inner filter —
 * and that the caller may see, or a chain would reveal what the access context hides.
 */
function chainCondition(
  filter: Extract<SearchFilter, { kind: 'chain' }>,
  resourceType: string,
  idColumn: string,
  binder: SqlBinder,
): string {
  const reference = binder.alias();
  const target = binder.alias();
  const { indexTables, resourceTable } = binder.tables;
  return (
    `${idColumn} IN (SELECT ${reference}."resource_id" FROM ${indexTables.reference} ${reference} ` +
    `WHERE ${reference}."resource_type" = ${binder.bind(resourceType)} AND ${reference}."code" = ${binder.bind(filter.code)} ` +
    `AND ${reference}."target_type" = ${binder.bind(filter.targetType)} AND ${reference}."target_id" IN (` +
    `SELECT ${target}."id" FROM ${resourceTable} ${target} WHERE ${target}."resource_type" = ${binder.bind(filter.targetType)} ` +
    `AND ${filterCondition(filter.filter, filter.targetType, `${target}."id"`, binder)}` +
    `${binder.restrict(filter.targetType, `${target}."id"`)}))`
  );
}

/** `_has:Observation:patient:code=x`: some Observation matching the inner filter (and visible) refers to this one. */
function hasCondition(
  filter: Extract<SearchFilter, { kind: 'has' }>,
  resourceType: string,
  idColumn: string,
  binder: SqlBinder,
): string {
  const reference = binder.alias();
  const source = binder.alias();
  const { indexTables, resourceTable } = binder.tables;
  return (
    `${idColumn} IN (SELECT ${reference}."target_id" FROM ${indexTables.reference} ${reference} ` +
    `WHERE ${reference}."resource_type" = ${binder.bind(filter.resourceType)} ` +
    `AND ${reference}."code" = ${binder.bind(filter.referenceCode)} AND ${reference}."target_type" = ${binder.bind(resourceType)} ` +
    `AND ${reference}."resource_id" IN (SELECT ${source}."id" FROM ${resourceTable} ${source} ` +
    `WHERE ${source}."resource_type" = ${binder.bind(filter.resourceType)} ` +
    `AND ${filterCondition(filter.filter, filter.resourceType, `${source}."id"`, binder)}` +
    `${binder.restrict(filter.resourceType, `${source}."id"`)}))`
  );
}

/** `_id` compares the resource table's own id (no index rows needed); `:not` excludes, `:missing` is constant. */
function idCondition(filter: ParameterFilter, idColumn: string, binder: SqlBinder): string {
  const { condition } = filter;
  if (condition.type === 'missing') {
    return condition.missing ? '1 = 0' : '1 = 1';
  }
  if (condition.type !== 'token' || (condition.modifier !== 'none' && condition.modifier !== 'not')) {
    throw notSupportedYet(`This modifier of "_id"`);
  }
  const ids = condition.values.map((value) => binder.bind(value.code ?? ''));
  return `${idColumn} ${condition.modifier === 'not' ? 'NOT IN' : 'IN'} (${ids.join(', ')})`;
}

function parameterCondition(
  filter: ParameterFilter,
  resourceType: string,
  idColumn: string,
  binder: SqlBinder,
): string {
  const { condition, definition } = filter;
  if (definition.type === 'composite') {
    return compositeCondition(filter, resourceType, idColumn, binder);
  }
  const table = indexTableOf(definition.type, filter.code);
  const alias = binder.alias();
  const rowsOf = (valueCondition?: () => string) =>
    `(SELECT ${alias}."resource_id" FROM ${binder.tables.indexTables[table]} ${alias} ` +
    `WHERE ${alias}."resource_type" = ${binder.bind(resourceType)} AND ${alias}."code" = ${binder.bind(filter.code)}` +
    `${valueCondition === undefined ? '' : ` AND ${valueCondition()}`})`;
  if (condition.type === 'missing') {
    // :missing=true → no row of that code at all; false → at least one. See https://hl7.org/fhir/R4/search.html#missing
    return `${idColumn} ${condition.missing ? 'NOT IN' : 'IN'} ${rowsOf()}`;
  }
  if (condition.type === 'token' && condition.modifier === 'not') {
    // :not = resources with no row matching the value (including resources without the element at all).
    return `${idColumn} NOT IN ${rowsOf(() => anyOf(condition.values.map((value) => tokenCondition(alias, value, binder))))}`;
  }
  return `${idColumn} IN ${rowsOf(() => valuesCondition(condition, alias, filter.code, binder))}`;
}

const anyOf = (parts: readonly string[]) => (parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`);

/** The OR of the condition's values on one index row (alias `alias`). */
function valuesCondition(condition: SearchCondition, alias: string, code: string, binder: SqlBinder): string {
  switch (condition.type) {
    case 'string':
      return anyOf(condition.values.map((value) => stringCondition(alias, condition.match, value, binder)));
    case 'token':
      return tokenValuesCondition(condition, alias, code, binder);
    case 'date':
      return anyOf(condition.values.map((value) => dateCondition(alias, value, binder)));
    case 'number':
      return anyOf(condition.values.map((value) => numberCondition(`${alias}."value"`, value, binder)));
    case 'quantity':
      return anyOf(condition.values.map((value) => quantityCondition(alias, value, binder)));
    case 'reference':
      return anyOf(condition.values.map((value) => referenceCondition(alias, value, binder)));
    case 'uri':
      return anyOf(condition.values.map((value) => uriCondition(alias, condition.modifier, value, binder)));
    case 'missing':
    case 'composite':
    case 'special':
      throw notSupportedYet(`Searching the ${condition.type} parameter "${code}"`);
  }
}

/** The OR of a token condition's values; `:not` never gets here (parameterCondition turns it into NOT IN). */
function tokenValuesCondition(
  condition: Extract<SearchCondition, { type: 'token' }>,
  alias: string,
  code: string,
  binder: SqlBinder,
): string {
  switch (condition.modifier) {
    case 'none':
      return anyOf(condition.values.map((value) => tokenCondition(alias, value, binder)));
    case 'text':
      return anyOf(condition.values.map((value) => tokenTextCondition(alias, value, binder)));
    case 'of-type':
      return anyOf(condition.values.map((value) => ofTypeCondition(alias, value, binder)));
    case 'not': // handled by parameterCondition (NOT IN); never reaches here
    case 'in':
    case 'not-in':
    case 'below':
    case 'above':
      // Terminology-based: they need value set expansion and code system hierarchies (the terminology service).
      throw notSupportedYet(`The modifier ":${condition.modifier}" (on "${code}")`);
  }
}
