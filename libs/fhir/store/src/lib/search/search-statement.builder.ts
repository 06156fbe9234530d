import type { SearchParameterLookup, SearchRequest } from '@connector/fhir-search';
import type { SqlStatement, StoreSqlDialect } from '../resource-store.statements';
import { type SearchCursor, type SortValue } from './search-cursor.util';
import { filterCondition } from './search-filter.sql';
import { sortExpression } from './search-sort.sql';
import { type SearchRestriction, SqlBinder } from './sql-binder';

/** The searched resource's alias in every statement. */
const RESOURCE = 'r';

/** Builds the page and count statements of a search; one instance per search request. */
export class SearchStatementBuilder {
  constructor(
    private readonly dialect: StoreSqlDialect,
    private readonly request: SearchRequest,
    private readonly lookup: SearchParameterLookup,
    private readonly restriction?: SearchRestriction,
  ) {}

  /** `resourceType` and the sort keys: what a cursor must have been made for. */
  get cursorKey(): string {
    return [
      this.request.resourceType,
      ...this.request.sort.map((key) => `${key.descending ? '-' : ''}${key.code}`),
    ].join(',');
  }

  /**
   * One page in sort order (sort values as columns `s0`, `s1`…, resources lacking a value last, then id), beyond
   * `cursor` when given (keyset paging: a row's position depends only on its own values, so rows written meanwhile
   * neither shift nor repeat the rest). A `before` cursor reads backwards from it, nearest row first (the caller
   * reverses the page). `limit` rows at most.
   */
  page(limit: number, cursor?: SearchCursor): SqlStatement {
    const binder = this.binder();
    const sorts = this.request.sort.map(
      (key, index) =>
        `${sortExpression(key, this.request.resourceType, `${RESOURCE}."id"`, this.lookup, binder)} AS "s${index}"`,
    );
    const columns = [`${RESOURCE}."id"`, `${RESOURCE}."content"`, ...sorts].join(', ');
    const where = this.where(binder);
    const keyset = cursor === undefined ? '' : ` WHERE ${this.beyond(0, cursor, binder)}`;
    const backwards = cursor?.direction === 'before';
    const order = [
      ...this.request.sort.flatMap((key, index) => [
        `(q."s${index}" IS NULL) ${backwards ? 'DESC' : 'ASC'}`,
        `q."s${index}" ${key.descending !== backwards ? 'DESC' : 'ASC'}`,
      ]),
      `q."id" ${backwards ? 'DESC' : 'ASC'}`,
    ].join(', ');
    const sql =
      `SELECT q.* FROM (SELECT ${columns} FROM ${this.dialect.resourceTable} ${RESOURCE} WHERE ${where}) q` +
      `${keyset} ORDER BY ${order} LIMIT ${binder.bind(limit)}`;
    return { sql, params: binder.params };
  }

  /** How many resources match (the same conditions as `page`, no paging). */
  count(): SqlStatement {
    const binder = this.binder();
    const where = this.where(binder);
    return {
      sql: `SELECT COUNT(*) AS "total" FROM ${this.dialect.resourceTable} ${RESOURCE} WHERE ${where}`,
      params: binder.params,
    };
  }

  private binder(): SqlBinder {
    return new SqlBinder(this.dialect, this.restriction);
  }

  private where(binder: SqlBinder): string {
    const { resourceType, filters } = this.request;
    const conditions = [
      `${RESOURCE}."resource_type" = ${binder.bind(resourceType)}`,
      ...filters.map((filter) => filterCondition(filter, resourceType, `${RESOURCE}."id"`, binder)),
    ];
    return `${conditions.join(' AND ')}${binder.restrict(resourceType, `${RESOURCE}."id"`)}`;
  }

  /**
   * Rows strictly after (or, for a `before` cursor, strictly before) the cursor's row in (s0 IS NULL, s0, s1 IS
   * NULL, s1, …, id) order: the first differing key decides, nulls coming after every value.
   */
  private beyond(index: number, cursor: SearchCursor, binder: SqlBinder): string {
    const after = cursor.direction === 'after';
    if (index === this.request.sort.length) {
      return `q."id" ${after ? '>' : '<'} ${binder.bind(cursor.id)}`;
    }
    const column = `q."s${index}"`;
    const value: SortValue = cursor.values[index];
    const rest = () => this.beyond(index + 1, cursor, binder);
    if (value === null) {
      // Nulls sort last: every value lies before a null, none after it.
      return after
        ? `(${column} IS NULL AND ${rest()})`
        : `(${column} IS NOT NULL OR (${column} IS NULL AND ${rest()}))`;
    }
    // Beyond = greater for (after, ascending) and (before, descending), smaller for the other two.
    const comparison = `${column} ${this.request.sort[index].descending !== after ? '>' : '<'} ${binder.bind(value)}`;
    const equal = `(${column} = ${binder.bind(value)} AND ${rest()})`;
    return after
      ? `(${column} IS NULL OR ${comparison} OR ${equal})`
      : `((${column} IS NOT NULL AND ${comparison}) OR ${equal})`;
  }
}
