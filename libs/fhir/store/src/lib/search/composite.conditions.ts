import {
  type CompositeComponent,
  compositeComponents,
  type CompositePartValue,
  compositeUnionParts,
  type CompositeSearchValue,
  type ParameterFilter,
} from '@connector/fhir-search';
import { FhirError } from '@connector/fhir-outcomes';
import { compositeComponentCode } from '../index-tables/search-index.tables';
import { dateCondition, numberCondition, quantityCondition } from './ordered-value.conditions';
import type { SqlBinder } from './sql-binder';
import { referenceCondition, stringCondition, tokenCondition, uriCondition } from './text-value.conditions';

type PartOf<T extends CompositePartValue['type']> = Extract<CompositePartValue, { type: T }>;

/** The part, checked to be of the kind the component's type parses to (the parser and this agree by construction). */
function partOf<T extends CompositePartValue['type']>(value: CompositePartValue, type: T): PartOf<T> {
  if (value.type !== type) {
    throw new Error(`Composite part of type ${value.type} where ${type} was expected`);
  }
  return value as PartOf<T>;
}

/** One part of a composite value on one component row, by the existing condition of the component's type. */
function partCondition(component: CompositeComponent, alias: string, value: CompositePartValue, binder: SqlBinder) {
  switch (component.type) {
    case 'token':
      return tokenCondition(alias, partOf(value, 'token'), binder);
    case 'quantity':
      return quantityCondition(alias, partOf(value, 'quantity'), binder);
    case 'number':
      return numberCondition(`${alias}."value"`, partOf(value, 'number'), binder);
    case 'date':
      return dateCondition(alias, partOf(value, 'date'), binder);
    case 'reference':
      return referenceCondition(alias, partOf(value, 'reference'), binder);
    case 'string':
      return stringCondition(alias, 'starts-with', partOf(value, 'text'), binder);
    case 'uri':
      return uriCondition(alias, 'none', partOf(value, 'text'), binder);
  }
}

/**
 * The resources with one group of the stored composite `storedCode` matching every part of `value`: the first
 * component's rows joined to the others' rows of the same resource and group (SQL text is built left to right, so
 * binds stay in order).
 */
function matchingGroups(
  storedCode: string,
  resourceType: string,
  components: readonly CompositeComponent[],
  value: CompositeSearchValue,
  binder: SqlBinder,
): string {
  const tables = binder.tables.indexTables;
  const aliases = components.map(() => binder.alias());
  const first = aliases[0];
  const joins = components.slice(1).map((component, offset) => {
    const index = offset + 1;
    const alias = aliases[index];
    return (
      ` JOIN ${tables[component.type]} ${alias} ON ${alias}."resource_type" = ${first}."resource_type" ` +
      `AND ${alias}."resource_id" = ${first}."resource_id" AND ${alias}."composite_group" = ${first}."composite_group" ` +
      `AND ${alias}."code" = ${binder.bind(compositeComponentCode(storedCode, index))} ` +
      `AND ${partCondition(component, alias, value.components[index].value, binder)}`
    );
  });
  return (
    `SELECT ${first}."resource_id" FROM ${tables[components[0].type]} ${first}${joins.join('')} ` +
    `WHERE ${first}."resource_type" = ${binder.bind(resourceType)} ` +
    `AND ${first}."code" = ${binder.bind(compositeComponentCode(storedCode, 0))} ` +
    `AND ${partCondition(components[0], first, value.components[0].value, binder)}`
  );
}

/** The resources with at least one group of `storedCode` (every stored group is complete). */
function anyGroup(storedCode: string, resourceType: string, table: string, binder: SqlBinder): string {
  const alias = binder.alias();
  return (
    `SELECT ${alias}."resource_id" FROM ${table} ${alias} WHERE ${alias}."resource_type" = ${binder.bind(resourceType)} ` +
    `AND ${alias}."code" = ${binder.bind(compositeComponentCode(storedCode, 0))}`
  );
}

/**
 * A composite parameter (https://hl7.org/fhir/R4/search.html#composite) on the component rows the indexer stored
 * per element (see compositeComponentCode): `a$b` matches when one element of the resource has a row matching `a`
 * and a row matching `b`; comma-separated values are OR-ed. `:missing=true` = no element with every component.
 */
export function compositeCondition(
  filter: ParameterFilter,
  resourceType: string,
  idColumn: string,
  binder: SqlBinder,
): string {
  const { condition, definition } = filter;
  const components = compositeComponents(definition);
  if (components.length === 0) {
    throw FhirError.badRequest(`The composite parameter "${filter.code}" has no components`);
  }
  // combo-code-value-* store no rows of their own: their parts' rows answer them (see compositeUnionParts).
  const storedCodes = (compositeUnionParts(definition) ?? [definition]).map((stored) => stored.code);
  if (condition.type === 'missing') {
    const table = binder.tables.indexTables[components[0].type];
    const present = storedCodes.map((code) => anyGroup(code, resourceType, table, binder));
    return `${idColumn} ${condition.missing ? 'NOT IN' : 'IN'} (${present.join(' UNION ALL ')})`;
  }
  if (condition.type !== 'composite') {
    throw new Error(`Composite parameter ${filter.code} with a ${condition.type} condition`);
  }
  const groups = condition.values.flatMap((value) => {
    if (value.components.some((part, index) => part.code !== components[index]?.code)) {
      throw new Error(`Composite value of ${filter.code} does not follow the definition's components`);
    }
    return storedCodes.map((code) => matchingGroups(code, resourceType, components, value, binder));
  });
  return `${idColumn} IN (${groups.join(' UNION ALL ')})`;
}
