import { performance } from 'node:perf_hooks';
import type { QueryRunner } from 'typeorm';
import type { BenchStore } from './bench-stores';
import { processCpuMs } from './cpu-usage';

/*
 * EXPERIMENT — not the store's SQL. The import writes index rows as multi-row `INSERT … VALUES ($1, …), (…)` of
 * up to 6,000 bound values (search-index.statements.ts); PostgreSQL parses, types and plans every value. The same
 * rows as `INSERT … SELECT * FROM unnest($1::type[], …)` bind one array per column. Both shapes insert the same
 * real token rows, in the same chunks, into a copy of fhir_index_token (same indexes), in one transaction each.
 */

/** As the store's SearchIndexStatements: bound values per multi-row insert. */
const MAX_INSERT_PARAMETERS = 6000;

const SCRATCH_TABLE = 'exp_insert_shape';

export interface ShapeFigures {
  readonly wallMs: number;
  readonly nodeMs: number;
  readonly postgresMs: number | undefined;
}

export interface InsertShapeExperiment {
  readonly rows: number;
  readonly rowsPerStatement: number;
  readonly values: ShapeFigures;
  readonly unnest: ShapeFigures;
}

interface Column {
  readonly name: string;
  readonly type: string;
}

type Row = Record<string, unknown>;

function valuesStatement(table: string, columns: readonly Column[], rows: readonly Row[]) {
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${columns.map((column) => `$${params.push(row[column.name])}`).join(', ')})`);
  const names = columns.map((column) => `"${column.name}"`).join(', ');
  return { sql: `INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}`, params };
}

function unnestStatement(table: string, columns: readonly Column[], rows: readonly Row[]) {
  const names = columns.map((column) => `"${column.name}"`).join(', ');
  const arrays = columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ');
  return {
    sql: `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`,
    params: columns.map((column) => rows.map((row) => row[column.name])),
  };
}

type Shape = typeof valuesStatement;

async function timeShape(runner: QueryRunner, pid: number, table: string, columns: Column[], rows: Row[], shape: Shape) {
  const perStatement = Math.floor(MAX_INSERT_PARAMETERS / columns.length);
  await runner.query(`TRUNCATE ${table}`);
  const cpuBefore = processCpuMs(pid);
  const nodeBefore = process.cpuUsage();
  const started = performance.now();
  await runner.startTransaction();
  for (let start = 0; start < rows.length; start += perStatement) {
    const { sql, params } = shape(table, columns, rows.slice(start, start + perStatement));
    await runner.query(sql, params);
  }
  await runner.commitTransaction();
  const wallMs = performance.now() - started;
  const node = process.cpuUsage(nodeBefore);
  const cpuAfter = processCpuMs(pid);
  const postgresMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { wallMs, nodeMs: (node.user + node.system) / 1000, postgresMs };
}

/** The better (lower PostgreSQL CPU, else wall) of two runs: the first may still warm caches. */
const best = (a: ShapeFigures, b: ShapeFigures) => ((a.postgresMs ?? a.wallMs) <= (b.postgresMs ?? b.wallMs) ? a : b);

/** Copies `rowCount` token rows of the chart store and inserts them both ways, twice, on one connection. */
export async function runInsertShapeExperiment(store: BenchStore, rowCount = 100_000): Promise<InsertShapeExperiment> {
  const source = `"${store.schema}"."fhir_index_token"`;
  const table = `"${store.schema}"."${SCRATCH_TABLE}"`;
  const runner = store.dataSource.createQueryRunner();
  try {
    await runner.connect();
    const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS "pid"')) as { pid: number }[];
    const columns = (await runner.query(
      'SELECT attname AS "name", format_type(atttypid, atttypmod) AS "type" FROM pg_attribute ' +
        'WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum',
      [source],
    )) as Column[];
    const rows = (await runner.query(
      `SELECT * FROM ${source} ORDER BY "resource_type", "resource_id", "seq" LIMIT $1`,
      [rowCount],
    )) as Row[];
    await runner.query(`CREATE TABLE ${table} (LIKE ${source} INCLUDING INDEXES INCLUDING CONSTRAINTS)`);
    const runs = { values: [] as ShapeFigures[], unnest: [] as ShapeFigures[] };
    for (let round = 0; round < 2; round++) {
      runs.values.push(await timeShape(runner, pid, table, columns, rows, valuesStatement));
      runs.unnest.push(await timeShape(runner, pid, table, columns, rows, unnestStatement));
    }
    return {
      rows: rows.length,
      rowsPerStatement: Math.floor(MAX_INSERT_PARAMETERS / columns.length),
      values: best(runs.values[0], runs.values[1]),
      unnest: best(runs.unnest[0], runs.unnest[1]),
    };
  } finally {
    await runner.query(`DROP TABLE IF EXISTS ${table}`);
    await runner.release();
  }
}
