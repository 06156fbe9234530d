import { performance } from 'node:perf_hooks';
import type { BenchStore } from './bench-stores';
import type { QueryKind, SearchInstance } from './query-mix';
import { type CapturedStatement, captureSearch, explain } from './search-explain';

/*
 * EXPERIMENT — a schema change and hand-written SQL, not the store's. Patient-compartment-first composites: token
 * and date rows carry the patient their resource belongs to (here filled from its `patient` reference row), and
 * one index per table leads with (resource_type, patient, code), so patient+category, patient+code,
 * patient+category+date and patient+intent+status are one index range each, sized by the matches instead of by
 * everything the patient has. The store's SQL cannot use the column, so the searches are rewritten by hand and
 * compared with the store's statements under EXPLAIN ANALYZE, after checking that both find the same page.
 */

const PATIENT_COLUMN = 'exp_patient_id';

/** Parameters of the mix the rewrite handles (token parameters compare `value`, and `system` when given). */
const TOKEN_PARAMETERS = new Set(['category', 'code', 'intent', 'status']);

const DAY_MS = 86_400_000;

function compartmentDdl(table: (name: string) => string): string[] {
  const fill = (name: string) =>
    `UPDATE ${table(name)} t SET "${PATIENT_COLUMN}" = x."target_id" FROM ${table('fhir_index_reference')} x ` +
    `WHERE x."resource_type" = t."resource_type" AND x."resource_id" = t."resource_id" ` +
    `AND x."code" = 'patient' AND x."target_type" = 'Patient'`;
  return [
    `ALTER TABLE ${table('fhir_index_token')} ADD COLUMN "${PATIENT_COLUMN}" text`,
    `ALTER TABLE ${table('fhir_index_date')} ADD COLUMN "${PATIENT_COLUMN}" text`,
    fill('fhir_index_token'),
    fill('fhir_index_date'),
    `CREATE INDEX "exp_token_patient" ON ${table('fhir_index_token')} ` +
      `("resource_type", "${PATIENT_COLUMN}", "code", "value", "system", "resource_id")`,
    `CREATE INDEX "exp_date_patient" ON ${table('fhir_index_date')} ` +
      `("resource_type", "${PATIENT_COLUMN}", "code", "low", "high", "resource_id")`,
    `VACUUM (ANALYZE) ${table('fhir_index_token')}, ${table('fhir_index_date')}`,
  ];
}

/** [low, high) epoch ms of a `YYYY-MM-DD` day (UTC), as the store indexes and searches dates. */
function dayRange(date: string): [number, number] {
  const low = Date.parse(`${date}T00:00:00Z`);
  return [low, low + DAY_MS];
}

/**
 * The mix's patient searches on the compartment column, with the store's own semantics: token `value` (and
 * `system`), date `ge` = (high open or after the day) or within it, `lt` = (low open or before the day). Undefined
 * for searches without a patient or with parameters the rewrite does not handle.
 */
export function compartmentStatement(
  instance: SearchInstance,
  table: (name: string) => string,
  limit: number,
): CapturedStatement | undefined {
  const patient = instance.params.find(([name]) => name === 'patient')?.[1];
  const params: unknown[] = [instance.resourceType];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const conditions: string[] = [];
  for (const [name, value] of instance.params) {
    if (name === 'patient') {
      continue;
    }
    const alias = `t${conditions.length + 1}`;
    const rows = (indexTable: string, condition: string) =>
      `r."id" IN (SELECT ${alias}."resource_id" FROM ${table(indexTable)} ${alias} WHERE ${alias}."resource_type" = $1 ` +
      `AND ${alias}."${PATIENT_COLUMN}" = ${bind(patient)} AND ${alias}."code" = ${bind(name)} AND ${condition})`;
    if (TOKEN_PARAMETERS.has(name)) {
      const [system, code] = value.includes('|') ? value.split('|') : [undefined, value];
      const systemCondition = system === undefined ? '' : ` AND ${alias}."system" = ${bind(system)}`;
      conditions.push(rows('fhir_index_token', `${alias}."value" = ${bind(code)}${systemCondition}`));
    } else if (name === 'date' && /^(ge|lt)\d{4}-\d{2}-\d{2}$/.test(value)) {
      const [low, high] = dayRange(value.slice(2));
      const [l, h] = [`${alias}."low"`, `${alias}."high"`];
      const condition = value.startsWith('ge')
        ? `((${h} IS NULL OR ${h} > ${bind(high)}) OR (${l} >= ${bind(low)} AND ${h} <= ${bind(high)}))`
        : `(${l} IS NULL OR ${l} < ${bind(low)})`;
      conditions.push(rows('fhir_index_date', condition));
    } else {
      return undefined;
    }
  }
  if (patient === undefined || conditions.length === 0) {
    return undefined;
  }
  const sql =
    `SELECT r."id", r."content" FROM ${table('fhir_resource')} r WHERE r."resource_type" = $1 AND ` +
    `${conditions.join(' AND ')} ORDER BY r."id" LIMIT ${bind(limit)}`;
  return { sql, params };
}

/** Median and 95th percentile of planning + execution time over the sampled instances. */
export interface StatementTimes {
  readonly p50Ms: number;
  readonly p95Ms: number;
}

export interface CompartmentFigures {
  readonly kind: string;
  readonly instances: number;
  readonly store: StatementTimes;
  readonly compartment: StatementTimes;
}

export interface CompartmentExperiment {
  readonly setupMs: number;
  /** Size of the two new indexes. */
  readonly indexMiB: number;
  readonly kinds: CompartmentFigures[];
}

function times(samples: number[]): StatementTimes {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  return { p50Ms: at(0.5), p95Ms: at(0.95) };
}

/** Runs a statement twice (warm) and returns the second EXPLAIN ANALYZE's planning + execution time. */
async function warmTime(store: BenchStore, statement: CapturedStatement): Promise<number> {
  await explain(store, statement);
  const explained = await explain(store, statement);
  return explained.planningMs + explained.executionMs;
}

async function ids(store: BenchStore, statement: CapturedStatement): Promise<string> {
  const rows = (await store.dataSource.query(statement.sql, statement.params)) as { id: string }[];
  return rows.map((row) => row.id).join(',');
}

/** One kind: `samples` random instances, the store's page statement against the rewrite, same page required. */
async function compareKind(store: BenchStore, kind: QueryKind, random: () => number, samples: number): Promise<CompartmentFigures | undefined> {
  const table = (name: string) => `"${store.schema}"."${name}"`;
  const storeMs: number[] = [];
  const compartmentMs: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const instance = kind.instance(random);
    const [page] = await captureSearch(store, instance);
    // The page statement's last value is its LIMIT (one more than the page size).
    const rewritten = compartmentStatement(instance, table, page.params[page.params.length - 1] as number);
    if (rewritten === undefined) {
      return undefined;
    }
    if ((await ids(store, page)) !== (await ids(store, rewritten))) {
      throw new Error(`the compartment rewrite of ${kind.name} finds another page: ${JSON.stringify(instance.params)}`);
    }
    storeMs.push(await warmTime(store, page));
    compartmentMs.push(await warmTime(store, rewritten));
  }
  return { kind: kind.name, instances: samples, store: times(storeMs), compartment: times(compartmentMs) };
}

/** Adds the compartment column and indexes to the chart scratch schema, then compares the patient searches. */
export async function runCompartmentExperiment(
  store: BenchStore,
  mix: readonly QueryKind[],
  random: () => number,
  samples = 25,
): Promise<CompartmentExperiment> {
  const table = (name: string) => `"${store.schema}"."${name}"`;
  const started = performance.now();
  for (const statement of compartmentDdl(table)) {
    await store.dataSource.query(statement);
  }
  const setupMs = performance.now() - started;
  const [{ bytes }] = (await store.dataSource.query(
    'SELECT pg_relation_size(to_regclass($1)) + pg_relation_size(to_regclass($2)) AS "bytes"',
    [table('exp_token_patient'), table('exp_date_patient')],
  )) as { bytes: string | number }[];
  const kinds: CompartmentFigures[] = [];
  for (const kind of mix) {
    const figures = await compareKind(store, kind, random, samples);
    if (figures !== undefined) {
      kinds.push(figures);
    }
  }
  return { setupMs, indexMiB: Number(bytes) / 2 ** 20, kinds };
}
