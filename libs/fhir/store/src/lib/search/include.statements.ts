import type { StoreSqlDialect, SqlStatement } from '../resource-store.statements';
import { type SearchRestriction, SqlBinder } from './sql-binder';

/** A resource by type and id. */
export interface ResourceKey {
  readonly resourceType: string;
  readonly id: string;
}

/** Which reference rows an include path follows: `*` (or undefined) leaves that column unfiltered. */
export interface ReferenceFilter {
  readonly sourceType?: string;
  readonly code?: string;
  readonly targetType?: string;
}

/**
 * The batched statements of `_include` / `_revinclude`: each takes a whole set of resources, so one include path
 * costs one statement whatever the page size. Only `resources` returns content, and it applies the access
 * restriction: every included resource is read through it. See https://hl7.org/fhir/R4/search.html#include
 */
export class IncludeStatements {
  constructor(private readonly dialect: StoreSqlDialect) {}

  /** Distinct (target_type, target_id) of the reference rows of `sources` (served by the reference primary key). */
  referencedTargets(sources: readonly ResourceKey[], filter: ReferenceFilter): SqlStatement {
    const binder = new SqlBinder(this.dialect);
    const where = [this.keysCondition(sources, '"resource_type"', '"resource_id"', binder)];
    this.addFilter(where, binder, '"code"', filter.code);
    this.addFilter(where, binder, '"target_type"', filter.targetType);
    return {
      sql:
        `SELECT DISTINCT "target_type", "target_id" FROM ${this.dialect.indexTables.reference} ` +
        `WHERE "target_type" IS NOT NULL AND "target_id" IS NOT NULL AND ${where.join(' AND ')}`,
      params: binder.params,
    };
  }

  /**
   * Type, id and (unless `withContent` is false: a visibility check needs no content) content of the current
   * versions of `keys` that `restriction` lets through.
   */
  resources(keys: readonly ResourceKey[], restriction?: SearchRestriction, withContent = true): SqlStatement {
    const binder = new SqlBinder(this.dialect, restriction);
    const where = this.keysCondition(keys, 'r."resource_type"', 'r."id"', binder);
    const columns = `r."resource_type", r."id"${withContent ? ', r."content"' : ''}`;
    return {
      sql: `SELECT ${columns} FROM ${this.dialect.resourceTable} r WHERE ${where}`,
      params: binder.params,
    };
  }

  /**
   * Distinct (resource_type, id) of the resources whose reference rows (matching `filter`) point at one of
   * `targets` (served by the target-first index).
   */
  referencingKeys(targets: readonly ResourceKey[], filter: ReferenceFilter): SqlStatement {
    const binder = new SqlBinder(this.dialect);
    const where = [this.keysCondition(targets, '"target_type"', '"target_id"', binder)];
    this.addFilter(where, binder, '"resource_type"', filter.sourceType);
    this.addFilter(where, binder, '"code"', filter.code);
    return {
      sql:
        `SELECT DISTINCT "resource_type", "resource_id" AS "id" FROM ${this.dialect.indexTables.reference} ` +
        `WHERE ${where.join(' AND ')}`,
      params: binder.params,
    };
  }

  /**
   * `(type = ? AND id IN (…) [AND restriction]) OR …`, one group per type, so each group uses the (type, id) index
   * prefix and gets the restriction of its own type.
   */
  private keysCondition(keys: readonly ResourceKey[], typeColumn: string, idColumn: string, binder: SqlBinder): string {
    const byType = new Map<string, string[]>();
    for (const { resourceType, id } of keys) {
      const ids = byType.get(resourceType);
      if (ids === undefined) {
        byType.set(resourceType, [id]);
      } else {
        ids.push(id);
      }
    }
    const groups = [...byType].map(([resourceType, ids]) => {
      const type = binder.bind(resourceType);
      const list = ids.map((id) => binder.bind(id)).join(', ');
      return `(${typeColumn} = ${type} AND ${idColumn} IN (${list})${binder.restrict(resourceType, idColumn)})`;
    });
    return groups.length === 0 ? '1 = 0' : `(${groups.join(' OR ')})`;
  }

  private addFilter(where: string[], binder: SqlBinder, column: string, value: string | undefined): void {
    if (value !== undefined && value !== '*') {
      where.push(`${column} = ${binder.bind(value)}`);
    }
  }
}
