import type { ResourceIndex } from '@connector/fhir-search';
import type { ObjectLiteral } from 'typeorm';
import { DateIndexEntity } from './date-index.entity';
import { NumberIndexEntity } from './number-index.entity';
import { QuantityIndexEntity } from './quantity-index.entity';
import { ReferenceIndexEntity } from './reference-index.entity';
import { NORMALIZED_STRING_LENGTH, StringIndexEntity } from './string-index.entity';
import { TokenIndexEntity } from './token-index.entity';
import { UriIndexEntity } from './uri-index.entity';

/**
 * The value types with a table of their own. Composite parameters have none: each component's rows go to the table
 * of the component's type (see {@link compositeComponentCode}).
 */
export type IndexValueType = 'string' | 'token' | 'date' | 'reference' | 'quantity' | 'number' | 'uri';

/** The indexer's row type stored in the table of `T`. */
export type IndexRowOf<T extends IndexValueType> = ResourceIndex[T][number];

/** How the indexer's rows of one value type map onto their table: the typed columns after the common key. */
export interface SearchIndexTable<T extends IndexValueType> {
  readonly entity: new () => ObjectLiteral;
  /** Column names after `resource_type`, `resource_id`, `seq`, `code`, `composite_group`. */
  readonly columns: readonly string[];
  /** The row's values for `columns`, in order. */
  values(row: IndexRowOf<T>): unknown[];
}

/** Every index table, keyed by the indexer's value type. Declarative: the statements are built from it. */
export const SEARCH_INDEX_TABLES: { readonly [T in IndexValueType]: SearchIndexTable<T> } = {
  string: {
    entity: StringIndexEntity,
    columns: ['value', 'normalized'],
    values: (row) => [row.value, row.normalized.slice(0, NORMALIZED_STRING_LENGTH)],
  },
  token: {
    entity: TokenIndexEntity,
    columns: ['system', 'value', 'text', 'type_system', 'type_code'],
    values: (row) => [row.system, row.value, row.text, row.typeSystem, row.typeCode],
  },
  date: { entity: DateIndexEntity, columns: ['low', 'high'], values: (row) => [row.low, row.high] },
  reference: {
    entity: ReferenceIndexEntity,
    columns: ['reference', 'target_type', 'target_id', 'identifier_system', 'identifier_value'],
    values: (row) => [row.reference, row.targetType, row.targetId, row.identifierSystem, row.identifierValue],
  },
  quantity: {
    entity: QuantityIndexEntity,
    columns: [
      'value',
      'value_text',
      'low',
      'high',
      'comparator',
      'system',
      'unit_code',
      'unit',
      'canonical_value',
      'canonical_unit',
    ],
    values: (row) => [
      row.value,
      row.valueText,
      row.low,
      row.high,
      row.comparator,
      row.system,
      row.unitCode,
      row.unit,
      row.canonicalValue,
      row.canonicalUnit,
    ],
  },
  number: { entity: NumberIndexEntity, columns: ['value', 'value_text'], values: (row) => [row.value, row.valueText] },
  uri: { entity: UriIndexEntity, columns: ['value'], values: (row) => [row.value] },
};

/** The value types in a fixed order (statement order, and so lock order on PostgreSQL). */
export const INDEX_VALUE_TYPES = Object.keys(SEARCH_INDEX_TABLES) as IndexValueType[];

/** The index entities, for the DataSource. */
export const SEARCH_INDEX_ENTITIES = INDEX_VALUE_TYPES.map((type) => SEARCH_INDEX_TABLES[type].entity);

/**
 * How composite parameters are stored (https://hl7.org/fhir/R4/search.html#composite). Every element a composite
 * selects (the Observation for `code-value-quantity`, each Observation.component for
 * `component-code-value-quantity`) becomes a *group*: its components' rows go to the tables of their own types,
 * under the code `<composite>$<component index>` (so they never mix with the parameters' own rows) and one
 * `composite_group` number shared by that element's rows. A search value `a$b` then asks for one group with a row
 * of component 0 matching `a` and a row of component 1 matching `b`: a join on (resource, group), which is what
 * keeps systolic 120 / diastolic 80 from matching `8480-6$80`. Reusing the typed tables keeps one value condition
 * per type, and their lookup indexes, for composites too; the price is one nullable integer on every row.
 */
export function compositeComponentCode(compositeCode: string, componentIndex: number): string {
  return `${compositeCode}$${componentIndex}`;
}
