import { ResourceService } from '@connector/fhir-service';
import { ResourceStore } from '@connector/fhir-store';
import type { DataSource } from 'typeorm';
import type { BenchStore } from './bench-stores';
import type { QueryKind, SearchInstance } from './query-mix';
import { searchRequest } from './search-request';

/** A table with at least this many rows (planner estimate) must not be read by a sequential scan in the mix. */
export const BIG_TABLE_ROWS = 10_000;

export interface CapturedStatement {
  readonly sql: string;
  readonly params: unknown[];
}

export interface ExplainedStatement extends CapturedStatement {
  readonly plan: string;
  readonly planningMs: number;
  readonly executionMs: number;
  /** Big tables the plan reads with a (parallel) sequential scan. */
  readonly seqScans: string[];
}

export interface ExplainedKind {
  readonly kind: string;
  readonly instance: SearchInstance;
  readonly statements: ExplainedStatement[];
}

/** The same DataSource, recording every statement the store sends through `query` before running it. */
function capturing(dataSource: DataSource, into: CapturedStatement[]): DataSource {
  return new Proxy(dataSource, {
    get(target, property) {
      if (property === 'query') {
        return (sql: string, params: unknown[] = []) => {
          into.push({ sql, params });
          return target.query(sql, params);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Planner row estimates of the store's tables in its schema (after ANALYZE). */
async function tableRows(store: BenchStore): Promise<Map<string, number>> {
  const rows = (await store.dataSource.query(
    'SELECT c.relname AS "table", c.reltuples AS "rows" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ' +
      `WHERE n.nspname = $1 AND c.relkind = 'r'`,
    [store.schema],
  )) as { table: string; rows: number | string }[];
  return new Map(rows.map((row) => [row.table, Number(row.rows)]));
}

/** The statements one search sends, in order (run for real on the store's DataSource). */
export async function captureSearch(store: BenchStore, instance: SearchInstance): Promise<CapturedStatement[]> {
  const captured: CapturedStatement[] = [];
  const service = new ResourceService(new ResourceStore(capturing(store.dataSource, captured)), store.service);
  await service.search(searchRequest(instance));
  return captured;
}

/** EXPLAIN ANALYZE of one statement with its bound values; big tables read by a Seq Scan are flagged. */
export async function explain(
  store: BenchStore,
  statement: CapturedStatement,
  rows: ReadonlyMap<string, number> = new Map(),
): Promise<ExplainedStatement> {
  const result = (await store.dataSource.query(`EXPLAIN (ANALYZE, BUFFERS OFF) ${statement.sql}`, statement.params)) as {
    'QUERY PLAN': string;
  }[];
  const plan = result.map((row) => row['QUERY PLAN']).join('\n');
  const seqScans = [...plan.matchAll(/Seq Scan on (\w+)/g)]
    .map((match) => match[1])
    .filter((table) => (rows.get(table) ?? 0) >= BIG_TABLE_ROWS);
  const time = (label: string) => Number(new RegExp(`${label} Time: ([\\d.]+) ms`).exec(plan)?.[1] ?? NaN);
  return {
    ...statement,
    plan,
    planningMs: time('Planning'),
    executionMs: time('Execution'),
    seqScans: [...new Set(seqScans)],
  };
}

/**
 * One instance of each kind, run through the service's search on a capturing DataSource, then every statement it
 * sent explained with EXPLAIN ANALYZE (the same SQL and bound values), with big-table sequential scans flagged.
 */
export async function explainMix(store: BenchStore, mix: readonly QueryKind[], random: () => number): Promise<ExplainedKind[]> {
  const rows = await tableRows(store);
  const explained: ExplainedKind[] = [];
  for (const kind of mix) {
    const instance = kind.instance(random);
    const statements: ExplainedStatement[] = [];
    for (const statement of await captureSearch(store, instance)) {
      statements.push(await explain(store, statement, rows));
    }
    explained.push({ kind: kind.name, instance, statements });
  }
  return explained;
}
