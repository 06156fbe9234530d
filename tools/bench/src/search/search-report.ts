import { cpus } from 'node:os';
import type { CompartmentExperiment } from './compartment-experiment';
import type { CpuProfileSummary } from './cpu-profile';
import type { CpuUsage } from './cpu-usage';
import type { InsertShapeExperiment, ShapeFigures } from './insert-shape-experiment';
import type { ExplainedKind } from './search-explain';
import type { KindFigures, LoadFigures } from './search-load';
import type { Measured } from './search-phases';
import { ingestRate, type IngestResult } from './synthea-ingest';

/** The issue's targets, set for a 2-core machine. */
export const TARGETS = { ingestPerSecond: 2500, p95Ms: 40, searchesPerSecond: 500 };

const CORES = cpus().length;

const ms = (value: number) => value.toFixed(1);
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

/** Indexes a plan uses (index scans, index-only scans, bitmap index scans). */
export function indexesOf(plan: string): string[] {
  return [...new Set([...plan.matchAll(/(?:using|Bitmap Index Scan on) (\w+)/g)].map((match) => match[1]))];
}

const postgresMs = (cpu: CpuUsage) => cpu.postgresMs ?? NaN;

/** CPU per unit of work; on a shared machine a better yardstick than wall-clock rates. */
function cpuLine(cpu: CpuUsage, units: number, unit: string): string {
  const per = (total: number) => (total / units).toFixed(2);
  return (
    `CPU per ${unit}: node ${per(cpu.nodeMs)} ms, PostgreSQL backends ${cpu.postgresMs === undefined ? 'n/a' : per(cpu.postgresMs)} ms ` +
    `(1-min load average ${cpu.load[0].toFixed(1)} → ${cpu.load[1].toFixed(1)} on ${CORES} cores).`
  );
}

/** The CPU of an ingest without making the copies (the benchmark's own synchronous work: wall time = CPU time). */
export function importCpu({ result, cpu }: Measured<IngestResult>): CpuUsage {
  return { ...cpu, nodeMs: cpu.nodeMs - result.generateMs };
}

export function ingestTable(measured: Measured<IngestResult>): string {
  const { result: ingest } = measured;
  const cpu = importCpu(measured);
  const rates = ingest.rounds.filter((round) => round.resources > 0).map((round) => ingestRate(round));
  const rate = ingestRate(ingest);
  const nodePerResource = cpu.nodeMs / ingest.resources;
  const totalPerResource = nodePerResource + postgresMs(cpu) / ingest.resources;
  // One import at a time: node and PostgreSQL take turns, so they need their summed CPU. Overlapping imports: node
  // is one thread, and both share the cores.
  const oneAtATime = 1000 / totalPerResource;
  const overlapping = Math.min(1000 / nodePerResource, (CORES * 1000) / totalPerResource);
  return [
    '| resources imported | stored in chart / practice | patients | import time s | resources/s | slowest / fastest round | target ≥ 2,500/s |',
    '|---|---|---|---|---|---|---|',
    `| ${int(ingest.resources)} | ${int(ingest.createdByService['chart'] ?? 0)} / ${int(ingest.createdByService['practice'] ?? 0)} | ` +
      `${int(ingest.patients.length)} | ${(ingest.importMs / 1000).toFixed(1)} | ${int(rate)} | ` +
      `${int(Math.min(...rates))} / ${int(Math.max(...rates))} | ${verdict(rate >= TARGETS.ingestPerSecond)} |`,
    '',
    `${cpuLine(cpu, ingest.resources / 1000, '1,000 resources')} (node: making the copies excluded.) CPU-bound ` +
      `ceilings on an otherwise idle machine: ≈ ${int(oneAtATime)} resources/s one import at a time, ` +
      `≈ ${int(overlapping)} resources/s with imports overlapping on ${CORES} cores.`,
  ].join('\n');
}

function loadRow(label: string, row: KindFigures): string {
  return (
    `| ${label} | ${int(row.searches)} | ${int(row.perSecond)} | ${ms(row.p50Ms)} | ${ms(row.p95Ms)} | ` +
    `${ms(row.p99Ms)} | ${row.meanMatches.toFixed(1)} | ${row.meanIncluded.toFixed(1)} |`
  );
}

export function loadTable({ result: load, cpu }: Measured<LoadFigures>): string {
  const { overall } = load;
  const nodePerSearch = cpu.nodeMs / overall.searches;
  const totalPerSearch = nodePerSearch + postgresMs(cpu) / overall.searches;
  // Node runs the service on one thread; node and PostgreSQL together share the cores.
  const ceiling = Math.min(1000 / nodePerSearch, (CORES * 1000) / totalPerSearch);
  return [
    `Concurrency ${load.concurrency}, ${load.seconds.toFixed(0)} s. Targets: p95 < ${TARGETS.p95Ms} ms ` +
      `(${verdict(overall.p95Ms < TARGETS.p95Ms)}), ≥ ${TARGETS.searchesPerSecond} searches/s ` +
      `(${verdict(overall.perSecond >= TARGETS.searchesPerSecond)}).`,
    '',
    '| query | searches | searches/s | p50 ms | p95 ms | p99 ms | mean matches | mean included |',
    '|---|---|---|---|---|---|---|---|',
    ...load.kinds.map((row) => loadRow(row.name, row)),
    loadRow('**all (mix)**', overall),
    '',
    `${cpuLine(cpu, overall.searches, 'search')} CPU-bound ceiling on ${CORES} cores: ≈ ${int(ceiling)} searches/s.`,
  ].join('\n');
}

/** Before/after figures side by side, per kind. */
export function comparisonTable(before: LoadFigures, after: LoadFigures): string {
  const rows = [...before.kinds, before.overall].map((row, index) => {
    const other = [...after.kinds, after.overall][index];
    return (
      `| ${row.name} | ${ms(row.p50Ms)} → ${ms(other.p50Ms)} | ${ms(row.p95Ms)} → ${ms(other.p95Ms)} | ` +
      `${int(row.perSecond)} → ${int(other.perSecond)} |`
    );
  });
  return ['| query | p50 ms | p95 ms | searches/s |', '|---|---|---|---|', ...rows].join('\n');
}

export function explainTable(explained: readonly ExplainedKind[]): string {
  const rows = explained.map(({ kind, statements }) => {
    const seq = [...new Set(statements.flatMap((statement) => statement.seqScans))];
    const used = [...new Set(statements.flatMap((statement) => indexesOf(statement.plan)))];
    const times = statements.map((statement) => ms(statement.executionMs)).join(' + ');
    return `| ${kind} | ${statements.length} | ${times} | ${used.join(', ') || '-'} | ${seq.length === 0 ? 'none' : `**${seq.join(', ')}**`} |`;
  });
  return [
    '| query | statements | execution ms (EXPLAIN ANALYZE) | indexes used | Seq Scan on a big table |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Every explained statement with its bound values and plan, for the console. */
export function explainDetails(explained: readonly ExplainedKind[]): string {
  return explained
    .map(({ kind, instance, statements }) =>
      [
        `### ${kind}: ${instance.resourceType}?${new URLSearchParams(instance.params).toString()}`,
        ...statements.map(
          (statement, index) =>
            `-- statement ${index + 1}, params ${JSON.stringify(statement.params)}\n${statement.sql}\n${statement.plan}` +
            (statement.seqScans.length > 0 ? `\n!! Seq Scan on big table(s): ${statement.seqScans.join(', ')}` : ''),
        ),
      ].join('\n\n'),
    )
    .join('\n\n');
}

/** Where the database part of a phase went: round trips by statement kind. */
export function statementTable(figures: Measured<unknown>): string {
  const total = figures.statements.reduce((sum, row) => sum + row.ms, 0);
  return [
    '| statement | count | round-trip ms total | ms each | share |',
    '|---|---|---|---|---|',
    ...figures.statements.map(
      (row) =>
        `| ${row.kind} | ${int(row.count)} | ${int(row.ms)} | ${(row.ms / row.count).toFixed(2)} | ${((100 * row.ms) / total).toFixed(1)} % |`,
    ),
  ].join('\n');
}

export function profileTables(title: string, summary: CpuProfileSummary): string {
  const share = (value: number) => `${((100 * value) / summary.totalMs).toFixed(1)} %`;
  const rows = (entries: [string, number][]) => entries.map(([name, value]) => `| ${name} | ${int(value)} | ${share(value)} |`);
  return [
    `${title}: ${int(summary.totalMs)} ms of samples (wall clock: idle = waiting).`,
    '',
    '| self time in | ms | share |',
    '|---|---|---|',
    ...rows(summary.selfByCategory),
    '',
    '| inside (inclusive) | ms | share |',
    '|---|---|---|',
    ...rows(summary.inclusive),
    '',
    '| hottest functions (self) | ms | share |',
    '|---|---|---|',
    ...rows(summary.topFunctions),
  ].join('\n');
}

/** The store's page statements against the hand-written compartment statements (planning + execution). */
export function compartmentTable(experiment: CompartmentExperiment): string {
  const rows = experiment.kinds.map(
    (row) =>
      `| ${row.kind} | ${row.instances} | ${ms(row.store.p50Ms)} / ${ms(row.store.p95Ms)} | ` +
      `${ms(row.compartment.p50Ms)} / ${ms(row.compartment.p95Ms)} |`,
  );
  return [
    'EXPLAIN ANALYZE, warm, planning + execution; every instance checked to return the same page both ways.',
    '',
    '| query | instances | store SQL p50 / p95 ms | compartment SQL p50 / p95 ms |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The store's multi-row VALUES against unnest arrays, per inserted index row. */
export function insertShapeTable(experiment: InsertShapeExperiment): string {
  const perRow = (value: number | undefined) => (value === undefined ? 'n/a' : ((1000 * value) / experiment.rows).toFixed(1));
  const row = (label: string, figures: ShapeFigures) =>
    `| ${label} | ${int(figures.wallMs)} | ${perRow(figures.postgresMs)} | ${perRow(figures.nodeMs)} |`;
  return [
    `${int(experiment.rows)} real token rows, ${experiment.rowsPerStatement} per statement, one transaction, into a copy of ` +
      'fhir_index_token with its indexes (better of two runs).',
    '',
    '| insert shape | wall ms | PostgreSQL CPU µs/row | node CPU µs/row |',
    '|---|---|---|---|',
    row('multi-row VALUES (the store today)', experiment.values),
    row('INSERT … SELECT * FROM unnest($1::type[], …)', experiment.unnest),
  ].join('\n');
}
