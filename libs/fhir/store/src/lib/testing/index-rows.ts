import type { DataSource } from 'typeorm';
import { INDEX_VALUE_TYPES, type IndexValueType, SEARCH_INDEX_TABLES } from '../index-tables/search-index.tables';

/** Every index row of the resources matching `where`, per table, in key order (a snapshot to compare). */
export async function indexRowsWhere(
  dataSource: DataSource,
  where: { resourceType: string; resourceId?: string; code?: string },
): Promise<Record<IndexValueType, Record<string, unknown>[]>> {
  const snapshot = {} as Record<IndexValueType, Record<string, unknown>[]>;
  for (const type of INDEX_VALUE_TYPES) {
    const rows = await dataSource
      .getRepository(SEARCH_INDEX_TABLES[type].entity)
      .find({ where, order: { resourceId: 'ASC', seq: 'ASC' } });
    snapshot[type] = rows;
  }
  return snapshot;
}

/** How many index rows, over every table, one resource has. */
export async function indexRowCount(dataSource: DataSource, resourceType: string, resourceId: string): Promise<number> {
  const snapshot = await indexRowsWhere(dataSource, { resourceType, resourceId });
  return INDEX_VALUE_TYPES.reduce((total, type) => total + snapshot[type].length, 0);
}
