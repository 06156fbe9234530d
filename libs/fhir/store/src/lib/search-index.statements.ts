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

/** Rows per array insert (PostgreSQL): one parameter per column whatever the count; bounded to keep statements small. */
const ROWS_PER_ARRAY_INSERT = 5000;

/** An index table's columns in insert order: the common key, then its typed columns. */
export function indexColumnNames(type: IndexValueType): string[] {
  return [...KEY_COLUMNS, ...SEARCH_INDEX_TABLES[type].columns];
}

/** The SQL of the search index tables, written once for both dialects; values only ever as parameters. */
export class SearchIndexStatements {
  constructor(private readonly dialect: StoreSqlDialect) {}

  /** How many rows of `type` one insert statement takes. */
  rowsPerInsert(type: IndexValueType): number {
    if (this.dialect.indexColumnTypes !== undefined) {
      return ROWS_PER_ARRAY_INSERT;
    }
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

  /**
   * One insert of at most rowsPerInsert(type) rows, all of one resource type: multi-row VALUES on SQLite, one array
   * per column through unnest on PostgreSQL.
   */
  insertRows<T extends IndexValueType>(
    type: T,
    resourceType: string,
    rows: readonly KeyedIndexRow<IndexRowOf<T>>[],
  ): SqlStatement {
    const table = SEARCH_INDEX_TABLES[type];
    const columns = indexColumnNames(type);
    const names = columns.map((column) => `"${column}"`).join(', ');
    const valuesOf = ({ resourceId, seq, row, code, group }: KeyedIndexRow<IndexRowOf<T>>) => [
      resourceType,
      resourceId,
      seq,
      code ?? row.code,
      group ?? null,
      ...table.values(row),
    ];
    const arrayTypes = this.dialect.indexColumnTypes?.[type];
    if (arrayTypes !== undefined) {
      const tuples = rows.map(valuesOf);
      const arrays = arrayTypes.map((sqlType, index) => `${this.dialect.placeholder(index)}::${sqlType}[]`);
      return {
        sql: `INSERT INTO ${this.dialect.indexTables[type]} (${names}) SELECT * FROM unnest(${arrays.join(', ')})`,
        params: columns.map((_column, index) => tuples.map((tuple) => tuple[index])),
      };
    }
    const params: unknown[] = [];
    const tuples = rows.map((keyed) => {
      const first = params.length;
      params.push(...valuesOf(keyed));
      return `(${columns.map((_column, offset) => this.dialect.placeholder(first + offset)).join(', ')})`;
    });
    return { sql: `INSERT INTO ${this.dialect.indexTables[type]} (${names}) VALUES ${tuples.join(', ')}`, params };
  }
}
