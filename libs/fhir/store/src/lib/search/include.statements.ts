import type { StoreSqlDialect, SqlStatement } from '../resource-store.statements';

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
 * costs one statement whatever the page size. See https://hl7.org/fhir/R4/search.html#include
 */
export class IncludeStatements {
  constructor(private readonly dialect: StoreSqlDialect) {}

  /** Distinct (target_type, target_id) of the reference rows of `sources` (served by the reference primary key). */
  referencedTargets(sources: readonly ResourceKey[], filter: ReferenceFilter): SqlStatement {
    const params: unknown[] = [];
    const where = [this.keysCondition(sources, '"resource_type"', '"resource_id"', params)];
    this.addFilter(where, params, '"code"', filter.code);
    this.addFilter(where, params, '"target_type"', filter.targetType);
    return {
      sql:
        `SELECT DISTINCT "target_type", "target_id" FROM ${this.dialect.indexTables.reference} ` +
        `WHERE "target_type" IS NOT NULL AND "target_id" IS NOT NULL AND ${where.join(' AND ')}`,
      params,
    };
  }

  /** Type, id and content of the current versions of `keys`. */
  resources(keys: readonly ResourceKey[]): SqlStatement {
    const params: unknown[] = [];
    const where = this.keysCondition(keys, '"resource_type"', '"id"', params);
    return {
      sql: `SELECT "resource_type", "id", "content" FROM ${this.dialect.resourceTable} WHERE ${where}`,
      params,
    };
  }

  /** Resources whose reference rows (matching `filter`) point at one of `targets` (served by the target-first index). */
  referencingResources(targets: readonly ResourceKey[], filter: ReferenceFilter): SqlStatement {
    const params: unknown[] = [];
    const where = [this.keysCondition(targets, 'x."target_type"', 'x."target_id"', params)];
    this.addFilter(where, params, 'x."resource_type"', filter.sourceType);
    this.addFilter(where, params, 'x."code"', filter.code);
    return {
      sql:
        `SELECT r."resource_type", r."id", r."content" FROM ${this.dialect.resourceTable} r ` +
        `WHERE EXISTS (SELECT 1 FROM ${this.dialect.indexTables.reference} x ` +
        `WHERE x."resource_type" = r."resource_type" AND x."resource_id" = r."id" AND ${where.join(' AND ')})`,
      params,
    };
  }

  /** `(type = ? AND id IN (…)) OR …`, one group per type, so each group uses the (type, id) index prefix. */
  private keysCondition(keys: readonly ResourceKey[], typeColumn: string, idColumn: string, params: unknown[]): string {
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
      const type = this.bind(params, resourceType);
      const list = ids.map((id) => this.bind(params, id)).join(', ');
      return `(${typeColumn} = ${type} AND ${idColumn} IN (${list}))`;
    });
    return groups.length === 0 ? '1 = 0' : `(${groups.join(' OR ')})`;
  }

  private addFilter(where: string[], params: unknown[], column: string, value: string | undefined): void {
    if (value !== undefined && value !== '*') {
      where.push(`${column} = ${this.bind(params, value)}`);
    }
  }

  private bind(params: unknown[], value: unknown): string {
    params.push(value);
    return this.dialect.placeholder(params.length - 1);
  }
}
