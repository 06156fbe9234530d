import type { ResourceRow } from './import-plan.util';
import type { IndexValueType } from './index-tables/search-index.tables';
import { SearchIndexStatements } from './search-index.statements';

/** A parameterized statement: values travel only in `params`, never in the SQL text. */
export interface SqlStatement {
  readonly sql: string;
  readonly params: unknown[];
}

/** What differs between the dialects the store runs on. */
export interface StoreSqlDialect {
  /** Escaped (and, on PostgreSQL, schema-qualified) table names; identifiers from entity metadata, not input. */
  readonly resourceTable: string;
  readonly versionTable: string;
  readonly indexTables: Readonly<Record<IndexValueType, string>>;
  /** The placeholder of the `index`-th (0-based) parameter: `?` or `$1`. */
  placeholder(index: number): string;
  /** Appended to the existing-versions lookup: PostgreSQL locks the rows it is about to bump. */
  readonly lockClause: string;
  /**
   * PostgreSQL only: each index table's column types, in insert order, so index rows go in as one array per column
   * (`INSERT … SELECT * FROM unnest($1::text[], …)`) instead of thousands of bound values that PostgreSQL parses
   * and types one by one (~4x less database CPU per row, measured by tools/bench).
   */
  readonly indexColumnTypes?: Readonly<Record<IndexValueType, readonly string[]>>;
}

const ROW_COLUMNS = '"resource_type", "id", "version_id", "last_updated", "content_hash", "content"';

/** The SQL of the resource store, written once for both dialects. */
export class ResourceStoreStatements {
  /** The hot-path read: prepared once, parameters (type, id). */
  readonly read: string;

  /** How many resources (current versions, all types) the store holds. */
  readonly count: string;

  /** The statements of the search index tables. */
  readonly index: SearchIndexStatements;

  /** The resource types the store holds, for re-indexing everything. */
  readonly selectResourceTypes: string;

  constructor(private readonly dialect: StoreSqlDialect) {
    this.index = new SearchIndexStatements(dialect);
    this.selectResourceTypes = `SELECT DISTINCT "resource_type" FROM ${dialect.resourceTable} ORDER BY "resource_type"`;
    this.count = `SELECT COUNT(*) AS "total" FROM ${dialect.resourceTable}`;
    this.read =
      `SELECT "content" FROM ${dialect.resourceTable} ` +
      `WHERE "resource_type" = ${dialect.placeholder(0)} AND "id" = ${dialect.placeholder(1)}`;
  }

  /** Version and hash of those of `ids` (all of one type) that are already stored. */
  selectStoredVersions(resourceType: string, ids: readonly string[]): SqlStatement {
    const list = ids.map((_id, index) => this.dialect.placeholder(index + 1)).join(', ');
    return {
      sql:
        `SELECT "id", "version_id", "content_hash" FROM ${this.dialect.resourceTable} ` +
        `WHERE "resource_type" = ${this.dialect.placeholder(0)} AND "id" IN (${list})${this.dialect.lockClause}`,
      params: [resourceType, ...ids],
    };
  }

  /** The next `limit` current resources of one type after `afterId` (keyset paging in id order), with content. */
  selectResourcesAfter(resourceType: string, afterId: string, limit: number): SqlStatement {
    const p = (index: number) => this.dialect.placeholder(index);
    return {
      sql:
        `SELECT "id", "content" FROM ${this.dialect.resourceTable} ` +
        `WHERE "resource_type" = ${p(0)} AND "id" > ${p(1)} ORDER BY "id" LIMIT ${p(2)}`,
      params: [resourceType, afterId, limit],
    };
  }

  /** Every stored version of one resource, newest first. See https://hl7.org/fhir/R4/http.html#history */
  selectVersions(resourceType: string, id: string): SqlStatement {
    const p = (index: number) => this.dialect.placeholder(index);
    return {
      sql:
        `SELECT "content" FROM ${this.dialect.versionTable} ` +
        `WHERE "resource_type" = ${p(0)} AND "id" = ${p(1)} ORDER BY "version_id" DESC`,
      params: [resourceType, id],
    };
  }

  /** One stored version of one resource. See https://hl7.org/fhir/R4/http.html#vread */
  selectVersion(resourceType: string, id: string, versionId: number): SqlStatement {
    const p = (index: number) => this.dialect.placeholder(index);
    return {
      sql:
        `SELECT "content" FROM ${this.dialect.versionTable} ` +
        `WHERE "resource_type" = ${p(0)} AND "id" = ${p(1)} AND "version_id" = ${p(2)}`,
      params: [resourceType, id, versionId],
    };
  }

  /** Inserts new current rows and replaces changed ones in one statement (both dialects have ON CONFLICT). */
  upsertResources(rows: readonly ResourceRow[]): SqlStatement {
    const { values, params } = this.rowValues(rows);
    return {
      sql:
        `INSERT INTO ${this.dialect.resourceTable} (${ROW_COLUMNS}) VALUES ${values} ` +
        `ON CONFLICT ("resource_type", "id") DO UPDATE SET "version_id" = excluded."version_id", ` +
        `"last_updated" = excluded."last_updated", "content_hash" = excluded."content_hash", "content" = excluded."content"`,
      params,
    };
  }

  /** Appends the rows to the history; a (type, id, version) stored twice fails the whole import. */
  insertVersions(rows: readonly ResourceRow[]): SqlStatement {
    const { values, params } = this.rowValues(rows);
    return { sql: `INSERT INTO ${this.dialect.versionTable} (${ROW_COLUMNS}) VALUES ${values}`, params };
  }

  private rowValues(rows: readonly ResourceRow[]): { values: string; params: unknown[] } {
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const first = params.length;
      params.push(row.resourceType, row.id, row.versionId, row.lastUpdated, row.contentHash, row.content);
      const placeholders = [0, 1, 2, 3, 4, 5].map((offset) => this.dialect.placeholder(first + offset));
      return `(${placeholders.join(', ')})`;
    });
    return { values: tuples.join(', '), params };
  }
}
