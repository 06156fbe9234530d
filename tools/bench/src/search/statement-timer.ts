import { performance } from 'node:perf_hooks';
import type { AfterQueryEvent, BeforeQueryEvent, EntitySubscriberInterface, QueryRunner } from 'typeorm';

/** Round-trip time of one kind of statement (sent, executed by PostgreSQL, answered) over a phase. */
export interface StatementFigures {
  readonly kind: string;
  readonly count: number;
  readonly ms: number;
}

/** Statement kinds by the table they write or the shape of the query; bound values never matter. */
const KINDS: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/, (match) => match[1]],
  [/^INSERT INTO "[^"]+"\."(\w+)"[^]*ON CONFLICT/, (match) => `INSERT … ON CONFLICT ${match[1]}`],
  [/^INSERT INTO "[^"]+"\."(\w+)"/, (match) => `INSERT ${match[1]}`],
  [/^DELETE FROM "[^"]+"\."(\w+)"/, (match) => `DELETE ${match[1]}`],
  [/^SELECT "id", "version_id"/, () => 'SELECT stored versions … FOR UPDATE'],
  [/^SELECT q\.\*/, () => 'SELECT search page'],
  [/^SELECT COUNT/, () => 'SELECT search count'],
  [/^SELECT DISTINCT "target_type"/, () => 'SELECT _include targets'],
  [/^SELECT DISTINCT "resource_type", "resource_id"/, () => 'SELECT _revinclude sources'],
  [/^SELECT (r\.)?"resource_type", (r\.)?"id", (r\.)?"content"/, () => 'SELECT included resources'],
];

function kindOf(sql: string): string {
  for (const [pattern, name] of KINDS) {
    const match = pattern.exec(sql);
    if (match !== null) {
      return name(match);
    }
  }
  return sql.slice(0, 40);
}

/**
 * A TypeORM subscriber timing every statement a DataSource runs through a query runner (the store's searches and
 * import transactions do), by kind: where the database part of a phase goes. Timed from just before the statement
 * is sent (its connection already acquired) to its result.
 */
export class StatementTimer implements EntitySubscriberInterface {
  private readonly started = new WeakMap<QueryRunner, number>();
  private readonly totals = new Map<string, { count: number; ms: number }>();

  beforeQuery(event: BeforeQueryEvent): void {
    this.started.set(event.queryRunner, performance.now());
  }

  afterQuery(event: AfterQueryEvent): void {
    const started = this.started.get(event.queryRunner);
    if (started === undefined) {
      return;
    }
    const kind = kindOf(event.query);
    const total = this.totals.get(kind) ?? { count: 0, ms: 0 };
    total.count += 1;
    total.ms += performance.now() - started;
    this.totals.set(kind, total);
  }

  /** The figures since the last call, largest first; starts counting afresh. */
  take(): StatementFigures[] {
    const figures = [...this.totals].map(([kind, { count, ms }]) => ({ kind, count, ms }));
    this.totals.clear();
    return figures.sort((a, b) => b.ms - a.ms);
  }
}
