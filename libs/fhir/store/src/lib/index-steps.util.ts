import { extractIndexValues, type IndexableResource, type ResourceIndex } from '@connector/fhir-search';
import {
  compositeComponentCode,
  type IndexRowOf,
  INDEX_VALUE_TYPES,
  type IndexValueType,
} from './index-tables/search-index.tables';
import type { SqlStatement } from './resource-store.statements';
import type { KeyedIndexRow, SearchIndexStatements } from './search-index.statements';

/** A resource to index: its id is known (stored resources always have one). */
export interface ResourceToIndex extends IndexableResource {
  readonly id: string;
}

/**
 * The statements that make the index rows of `resources` (all of `resourceType`) match their content: first the
 * rows of `replacedIds` are deleted (resources that may have rows already), then the new rows are inserted in
 * multi-row chunks. Yields statements like `importSteps`, so it runs inside the caller's transaction.
 */
export function* indexSteps(
  statements: SearchIndexStatements,
  resourceType: string,
  resources: readonly ResourceToIndex[],
  replacedIds: readonly string[],
): Generator<SqlStatement, void, unknown[]> {
  if (replacedIds.length > 0) {
    for (const type of INDEX_VALUE_TYPES) {
      yield statements.deleteRows(type, resourceType, replacedIds);
    }
  }
  const rows = keyedRows(resources);
  for (const type of INDEX_VALUE_TYPES) {
    yield* insertSteps(statements, type, resourceType, rows[type]);
  }
}

function* insertSteps<T extends IndexValueType>(
  statements: SearchIndexStatements,
  type: T,
  resourceType: string,
  rows: readonly KeyedIndexRow<IndexRowOf<T>>[],
): Generator<SqlStatement, void, unknown[]> {
  const size = statements.rowsPerInsert(type);
  for (let start = 0; start < rows.length; start += size) {
    yield statements.insertRows(type, resourceType, rows.slice(start, start + size));
  }
}

type KeyedRows = { [T in IndexValueType]: KeyedIndexRow<IndexRowOf<T>>[] };

/**
 * Every resource's index rows per table, each numbered by its position among that resource's rows of the table;
 * composite component rows follow the resource's own rows, under their component code and group number.
 */
function keyedRows(resources: readonly ResourceToIndex[]): KeyedRows {
  const rows: KeyedRows = { string: [], token: [], date: [], reference: [], quantity: [], number: [], uri: [] };
  for (const resource of resources) {
    const index = extractIndexValues(resource);
    for (const type of INDEX_VALUE_TYPES) {
      // Sound cast: index[type] holds IndexRowOf<type>, which TypeScript cannot correlate across the loop's union.
      const target = rows[type] as KeyedIndexRow<unknown>[];
      index[type].forEach((row: unknown, seq: number) => target.push({ resourceId: resource.id, seq, row }));
    }
    pushCompositeRows(rows, resource.id, index);
  }
  return rows;
}

function pushCompositeRows(rows: KeyedRows, resourceId: string, index: ResourceIndex): void {
  if (index.composite.length === 0) {
    return;
  }
  const nextSeq = Object.fromEntries(INDEX_VALUE_TYPES.map((type) => [type, index[type].length])) as Record<
    IndexValueType,
    number
  >;
  index.composite.forEach((composite, group) => {
    composite.components.forEach((component, componentIndex) => {
      const code = compositeComponentCode(composite.code, componentIndex);
      // Sound cast: a component's rows are rows of its type (the indexer builds them with that type's row maker).
      const target = rows[component.type] as KeyedIndexRow<unknown>[];
      for (const row of component.rows) {
        target.push({ resourceId, seq: nextSeq[component.type]++, row, code, group });
      }
    });
  });
}
