import type { StoreSqlDialect } from '../resource-store.statements';

/**
 * An extra condition on resources of `resourceType` whose id is in `idColumn` (the access context: "only these
 * patient compartments", "only laboratory Observations"), or undefined when there is none. It must bind every
 * value through `binder`. See {@link AccessPolicy}.
 */
export type SearchRestriction = (resourceType: string, idColumn: string, binder: SqlBinder) => string | undefined;

/**
 * Collects the parameters of one statement while its SQL text is written left to right: `bind(value)` returns the
 * placeholder (`?` or `$n`) and records the value, so nothing from a query ever enters the SQL text. Text must be
 * produced in the order it appears in the statement (SQLite's `?` are positional).
 */
export class SqlBinder {
  readonly params: unknown[] = [];
  private aliasCount = 0;

  /**
   * `restriction` is applied wherever the statement reads resources of some type (matches, chain targets, `_has`
   * sources, include results), so whoever writes the statement cannot forget it in one place.
   */
  constructor(
    private readonly dialect: StoreSqlDialect,
    private readonly restriction?: SearchRestriction,
  ) {}

  /** ` AND <restriction>` for resources of `resourceType` in `idColumn`, or '' when unrestricted. */
  restrict(resourceType: string, idColumn: string): string {
    const condition = this.restriction?.(resourceType, idColumn, this);
    return condition === undefined ? '' : ` AND (${condition})`;
  }

  /** The placeholder of a new parameter holding `value`. */
  bind(value: unknown): string {
    this.params.push(value);
    return this.dialect.placeholder(this.params.length - 1);
  }

  /** A fresh table alias (`t1`, `t2`…) for a nested subquery: built only from a counter, never from input. */
  alias(): string {
    this.aliasCount += 1;
    return `t${this.aliasCount}`;
  }

  /** Escaped (schema-qualified) name of a store table. */
  get tables(): StoreSqlDialect {
    return this.dialect;
  }
}

/** Escapes LIKE wildcards (`%`, `_`) and the escape character itself; the statement says `ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
