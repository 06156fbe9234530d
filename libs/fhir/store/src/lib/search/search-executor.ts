import type { SearchParameterLookup, SearchRequest } from '@connector/fhir-search';
import type { DataSource } from 'typeorm';
import type { StoreSqlDialect } from '../resource-store.statements';
import { type CursorDirection, decodeCursor, encodeCursor, type SortValue } from './search-cursor.util';
import type { SearchPage, SearchPageRequest } from './search-page.types';
import { SearchStatementBuilder } from './search-statement.builder';
import type { SearchRestriction } from './sql-binder';

interface PageRow {
  readonly id: string;
  readonly content: string;
  readonly [column: string]: unknown;
}

/** A page plus the ids of its matches (all of the searched type), for resolving includes. */
export interface ExecutedPage extends SearchPage {
  readonly matchIds: string[];
}

/**
 * Runs a parsed search on the store's tables: one statement for the page (one row more than asked, to know
 * whether a next page exists) and one COUNT when a total is wanted. See https://hl7.org/fhir/R4/search.html
 */
export class SearchExecutor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dialect: StoreSqlDialect,
    private readonly lookup: SearchParameterLookup,
  ) {}

  async search(
    request: SearchRequest,
    page: SearchPageRequest = {},
    restriction?: SearchRestriction,
  ): Promise<ExecutedPage> {
    const builder = new SearchStatementBuilder(this.dialect, request, this.lookup, restriction);
    const cursor =
      page.cursor === undefined ? undefined : decodeCursor(page.cursor, builder.cursorKey, request.sort.length);
    const wantsTotal = request.count === 0 || request.total === 'accurate' || request.total === 'estimate';
    // `estimate` is answered exactly for now: the COUNT runs on the same lookup indexes.
    const total = wantsTotal ? await this.count(builder) : undefined;
    if (request.count === 0) {
      return { resources: [], matchIds: [], ...(total === undefined ? {} : { total }) };
    }
    const { sql, params } = builder.page(request.count + 1, cursor);
    const rows = (await this.dataSource.query(sql, params)) as PageRow[];
    const backwards = cursor?.direction === 'before';
    // A backward read comes nearest-first: the page is its first `count` rows, put back in sort order.
    const pageRows = backwards ? rows.slice(0, request.count).reverse() : rows.slice(0, request.count);
    const more = rows.length > request.count;
    const boundary = (row: PageRow | undefined, direction: CursorDirection) =>
      row === undefined
        ? undefined
        : encodeCursor({
            key: builder.cursorKey,
            values: request.sort.map((_key, index) => sortValueOf(row[`s${index}`])),
            id: row.id,
            direction,
          });
    // Forward: a next page if a row beyond this one came back, a previous one whenever we came from a cursor.
    // Backward: the mirror image.
    const nextCursor = backwards || more ? boundary(pageRows[pageRows.length - 1], 'after') : undefined;
    const previousCursor =
      (backwards && more) || (!backwards && cursor !== undefined) ? boundary(pageRows[0], 'before') : undefined;
    return {
      resources: pageRows.map((row) => row.content),
      matchIds: pageRows.map((row) => row.id),
      ...(total === undefined ? {} : { total }),
      ...(nextCursor === undefined ? {} : { nextCursor }),
      ...(previousCursor === undefined ? {} : { previousCursor }),
    };
  }

  private async count(builder: SearchStatementBuilder): Promise<number> {
    const { sql, params } = builder.count();
    const rows = (await this.dataSource.query(sql, params)) as { total: number | string }[];
    // PostgreSQL's COUNT is a bigint, which pg hands over as a string.
    return Number(rows[0].total);
  }
}

/** pg returns bigint aggregates as text, SQLite as numbers; both go into the cursor as they came. */
function sortValueOf(value: unknown): SortValue {
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}
