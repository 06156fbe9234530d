import type { StoreSqlDialect } from '../resource-store.statements';

/**
 * Collects the parameters of one statement while its SQL text is written left to right: `bind(value)` returns the
 * placeholder (`?` or `$n`) and records the value, so nothing from a query ever enters the SQL text. Text must be
 * produced in the order it appears in the statement (SQLite's `?` are positional).
 */
export class SqlBinder {
  readonly params: unknown[] = [];
  private aliasCount = 0;

  constructor(private readonly dialect: StoreSqlDialect) {}

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
