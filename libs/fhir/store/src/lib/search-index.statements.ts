import type { StoreSqlDialect, SqlStatement } from './resource-store.statements';
import { type IndexRowOf, type IndexValueType, SEARCH_INDEX_TABLES } from './index-tables/search-index.tables';

/**
 * One row of an index table: whose it is and its position among that resource's rows, plus the indexer's row;
 * composite component rows also carry their own code and group (see compositeComponentCode).
 */
export interface KeyedIndexRow<Row> {
  readonly resourceId: string;
  readonly seq: number;
  readonly row: Row;
  /** `<composite>$<index>` for a composite component row; the row's own code otherwise. */
  readonly code?: string;
  readonly group?: number;
}

/** Columns every index table starts with. */
const KEY_COLUMNS = ['resource_type', 'resource_id', 'seq', 'code', 'composite_group'];

/**
 * Bound parameters per insert: far below SQLite's 32766 and PostgreSQL's 65535, and few enough rows that
 * SQLite's statement preparation (one per distinct row count) stays cheap.
 */
const MAX_INSERT_PARAMETERS = 6000;

/** The SQL of the search index tables, written once for both dialects; values only ever as parameters. */
export class SearchIndexStatements {
  constructor(private readonly dialect: StoreSqlDialect) {}

  /** How many rows of `type` one insert statement takes. */
  rowsPerInsert(type: IndexValueType): number {
    return Math.floor(MAX_INSERT_PARAMETERS / (KEY_COLUMNS.length + SEARCH_INDEX_TABLES[type].columns.length));
  }

  /** Removes every `type` row of the given resources (all of one resource type). */
  deleteRows(type: IndexValueType, resourceType: string, ids: readonly string[]): SqlStatement {
    const list = ids.map((_id, index) => this.dialect.placeholder(index + 1)).join(', ');
    return {
      sql:
        `DELETE FROM ${this.dialect.indexTables[type]} ` +
        `WHERE "resource_type" = ${this.dialect.placeholder(0)} AND "resource_id" IN (${list})`,
      params: [resourceType, ...ids],
    };
  }

  /** One multi-row insert of at most rowsPerInsert(type) rows, all of one resource type. */
  insertRows<T extends IndexValueType>(
    type: T,
    resourceType: string,
    rows: readonly KeyedIndexRow<IndexRowOf<T>>[],
  ): SqlStatement {
    const table = SEARCH_INDEX_TABLES[type];
    const columns = [...KEY_COLUMNS, ...table.columns];
    const params: unknown[] = [];
    const tuples = rows.map(({ resourceId, seq, row, code, group }) => {
      const first = params.length;
      params.push(resourceType, resourceId, seq, code ?? row.code, group ?? null, ...table.values(row));
      return `(${columns.map((_column, offset) => this.dialect.placeholder(first + offset)).join(', ')})`;
    });
    const names = columns.map((column) => `"${column}"`).join(', ');
    return { sql: `INSERT INTO ${this.dialect.indexTables[type]} (${names}) VALUES ${tuples.join(', ')}`, params };
  }
}
