import type { SearchParameterLookup, SortKey } from '@connector/fhir-search';
import { FhirError } from '@connector/fhir-outcomes';
import type { IndexValueType } from '../index-tables/search-index.tables';
import type { SqlBinder } from './sql-binder';
import { notSupportedYet } from './search-filter.sql';

/** The column each index table sorts by: folded strings, token codes, range starts, target ids, values. */
const SORT_COLUMN: Readonly<Record<IndexValueType, string>> = {
  string: 'normalized',
  token: 'value',
  date: 'low',
  reference: 'target_id',
  quantity: 'value',
  number: 'value',
  uri: 'value',
};

/**
 * The sort value of one `_sort` key for the resource whose id is `idColumn`: the smallest (ascending) or largest
 * (descending) indexed value of that code, null when it has none (such resources sort last). Dates sort by the
 * start of their range. See https://hl7.org/fhir/R4/search.html#sort
 */
export function sortExpression(
  key: SortKey,
  resourceType: string,
  idColumn: string,
  lookup: SearchParameterLookup,
  binder: SqlBinder,
): string {
  if (key.code === '_id') {
    return idColumn;
  }
  const definition = lookup(resourceType, key.code);
  if (definition === undefined) {
    throw FhirError.badRequest(`Cannot sort ${resourceType} by unknown parameter "${key.code}"`);
  }
  if (definition.type === 'composite' || definition.type === 'special') {
    throw notSupportedYet(`Sorting by the ${definition.type} parameter "${key.code}"`);
  }
  const alias = binder.alias();
  const aggregate = key.descending ? 'MAX' : 'MIN';
  return (
    `(SELECT ${aggregate}(${alias}."${SORT_COLUMN[definition.type]}") FROM ${binder.tables.indexTables[definition.type]} ${alias} ` +
    `WHERE ${alias}."resource_type" = ${binder.bind(resourceType)} AND ${alias}."resource_id" = ${idColumn} ` +
    `AND ${alias}."code" = ${binder.bind(key.code)})`
  );
}
