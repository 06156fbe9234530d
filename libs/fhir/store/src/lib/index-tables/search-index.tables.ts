import type { ResourceIndex } from '@connector/fhir-search';
import type { ObjectLiteral } from 'typeorm';
import { DateIndexEntity } from './date-index.entity';
import { NumberIndexEntity } from './number-index.entity';
import { QuantityIndexEntity } from './quantity-index.entity';
import { ReferenceIndexEntity } from './reference-index.entity';
import { NORMALIZED_STRING_LENGTH, StringIndexEntity } from './string-index.entity';
import { TokenIndexEntity } from './token-index.entity';
import { UriIndexEntity } from './uri-index.entity';

/** The value types with a table of their own (composite rows are not stored yet). */
export type IndexValueType = 'string' | 'token' | 'date' | 'reference' | 'quantity' | 'number' | 'uri';

/** The indexer's row type stored in the table of `T`. */
export type IndexRowOf<T extends IndexValueType> = ResourceIndex[T][number];

/** How the indexer's rows of one value type map onto their table: the typed columns after the common key. */
export interface SearchIndexTable<T extends IndexValueType> {
  readonly entity: new () => ObjectLiteral;
  /** Column names after `resource_type`, `resource_id`, `seq`, `code`. */
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
    columns: ['value', 'value_text', 'low', 'high', 'comparator', 'system', 'unit_code', 'unit'],
    values: (row) => [row.value, row.valueText, row.low, row.high, row.comparator, row.system, row.unitCode, row.unit],
  },
  number: { entity: NumberIndexEntity, columns: ['value', 'value_text'], values: (row) => [row.value, row.valueText] },
  uri: { entity: UriIndexEntity, columns: ['value'], values: (row) => [row.value] },
};

/** The value types in a fixed order (statement order, and so lock order on PostgreSQL). */
export const INDEX_VALUE_TYPES = Object.keys(SEARCH_INDEX_TABLES) as IndexValueType[];

/** The index entities, for the DataSource. */
export const SEARCH_INDEX_ENTITIES = INDEX_VALUE_TYPES.map((type) => SEARCH_INDEX_TABLES[type].entity);
