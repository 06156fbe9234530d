import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@connector/shared-testing';
import { type BenchStore, openBenchStores } from './bench-stores';
import { INDEX_EXPERIMENT } from './index-experiment';
import { queryMix } from './query-mix';
import { parseSearchBenchOptions } from './search-bench-options';
import type { ExplainedKind } from './search-explain';
import {
  checkCounts,
  type ExperimentFigures,
  experimentPhase,
  ingestPhase,
  type Measured,
  roundPhase,
  type SearchFigures,
  searchPhase,
  vacuumAnalyze,
} from './search-phases';
import * as report from './search-report';
import { loadSyntheaTemplates } from './synthea-copies';
import { ingestRate, type IngestResult } from './synthea-ingest';

/*
 * `npm run bench -- search` (options: search-bench-options.ts; what and why: tools/bench/README.md): re-id'd Synthea
 * copies imported into fresh PostgreSQL schemas of the `test` database through the import path of a distributed
 * deployment (prepareImport → sendPreparedImport → ResourceService → ResourceStore), then a fixed mix of US Core
 * searches through the chart service's search (parse + store; no HTTP, no NATS) at a fixed concurrency, EXPLAIN
 * ANALYZE of each, and — unless --baseline-only — the experiments (proposed changes applied by hand to the scratch
 * schema, insert shapes, compartment composites). The schemas are dropped at the end.
 */

interface Figures {
  readonly ingestConcurrency: number;
  readonly ingest: Measured<IngestResult>;
  readonly sizes: string;
  readonly before: SearchFigures;
  /** One more round without the proposed indexes, the reference for `experiment.extraIngest`. */
  readonly referenceRound?: Measured<IngestResult>;
  readonly experiment?: ExperimentFigures;
}

/** Row counts and sizes of the searched store's tables. */
async function tableSizes(store: BenchStore): Promise<string> {
  const rows = (await store.dataSource.query(
    `SELECT c.relname AS "table", c.reltuples AS "rows", pg_total_relation_size(c.oid) AS "bytes" FROM pg_class c ` +
      `JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY c.reltuples DESC`,
    [store.schema],
  )) as { table: string; rows: number | string; bytes: number | string }[];
  const mib = (bytes: number | string) => (Number(bytes) / 2 ** 20).toFixed(0);
  return [
    '| chart table | rows (planner) | MiB incl. indexes |',
    '|---|---|---|',
    ...rows.map((row) => `| ${row.table} | ${Math.round(Number(row.rows)).toLocaleString('en-US')} | ${mib(row.bytes)} |`),
  ].join('\n');
}

function roundRate(round: Measured<IngestResult>): string {
  const thousands = round.result.resources / 1000;
  const perThousand = (ms: number | undefined) => (ms === undefined ? 'n/a' : (ms / thousands).toFixed(0));
  const cpu = report.importCpu(round);
  return (
    `${round.result.resources} resources, ${Math.round(ingestRate(round.result))}/s, CPU per 1,000 resources: ` +
    `node ${perThousand(cpu.nodeMs)} ms, PostgreSQL ${perThousand(cpu.postgresMs)} ms`
  );
}

function experimentLines(figures: Figures, experiment: ExperimentFigures): string[] {
  return [
    `\n### EXPERIMENT: proposed changes, applied by hand to the scratch schema (${(experiment.createIndexMs / 1000).toFixed(1)} s)\n`,
    INDEX_EXPERIMENT.map((change) => `- \`${change.name}\`: ${change.why}`).join('\n'),
    `\nCost on writes — one more round without them: ${figures.referenceRound ? roundRate(figures.referenceRound) : 'n/a'}; ` +
      `one more round with them: ${roundRate(experiment.extraIngest)}.\n`,
    report.loadTable(experiment.load),
    '\nBefore → after:\n',
    report.comparisonTable(figures.before.load.result, experiment.load.result),
    '',
    report.explainTable(experiment.explained),
    '\n### EXPERIMENT: index-row insert shapes\n',
    report.insertShapeTable(experiment.insertShapes),
    `\n### EXPERIMENT: patient-compartment-first composites (column + 2 indexes, ${(experiment.compartment.setupMs / 1000).toFixed(1)} s to add, ` +
      `${experiment.compartment.indexMiB.toFixed(0)} MiB of index)\n`,
    report.compartmentTable(experiment.compartment),
  ];
}

function printReport(figures: Figures): void {
  const { ingest, before, experiment } = figures;
  const lines = [
    `\n## Search benchmark (${new Date().toISOString()}, ${cpus().length} cores)`,
    '\nMeasured at the service level: ResourceService.search (parseSearchQuery + ResourceStore.search) on ' +
      'PostgreSQL, in this process; no HTTP, no NATS.',
    `\n### Ingest (prepareImport → sendPreparedImport → ResourceService.importResources, ${figures.ingestConcurrency} bundle(s) at a time)\n`,
    report.ingestTable(ingest),
    '\nStatements of the import transactions:\n',
    report.statementTable(ingest),
    ...(ingest.profile === undefined
      ? []
      : [
          '\n### Ingest CPU profile (node; the sampling profiler itself inflates the CPU figures above)\n',
          report.profileTables('Node during the ingest', ingest.profile),
        ]),
    '\n### Store size\n',
    figures.sizes,
    '\n### Searches (schema as migrated)\n',
    report.loadTable(before.load),
    '\nStatements of the searches:\n',
    report.statementTable(before.load),
    ...(before.load.profile === undefined
      ? []
      : ['\n### Search CPU profile (node)\n', report.profileTables('Node during the searches', before.load.profile)]),
    '\n### EXPLAIN ANALYZE, one instance per query (schema as migrated)\n',
    report.explainTable(before.explained),
    ...(experiment === undefined ? [] : experimentLines(figures, experiment)),
  ];
  console.log(lines.join('\n'));
}

function printPlans(title: string, explained: readonly ExplainedKind[]): void {
  console.log(`\n## ${title}\n\n${report.explainDetails(explained)}`);
}

function saveFigures(figures: Figures): void {
  mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
  const file = join(REPO_ROOT, 'bench-results', `search-${Date.now()}.json`);
  // The sampled patients are inputs, not figures.
  writeFileSync(file, JSON.stringify(figures, (key, value: unknown) => (key === 'patients' ? undefined : value), 2));
  console.log(`\nFigures saved to ${file}`);
}

/** The `search` mode of `npm run bench`. */
export async function runSearchBench(argv: readonly string[]): Promise<void> {
  const options = parseSearchBenchOptions(argv);
  const templates = loadSyntheaTemplates();
  const stores = await openBenchStores(['chart', 'practice']);
  const interrupted = () => void stores.drop().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  try {
    console.log(`Importing Synthea copies until the chart store holds ${options.minChartResources} resources…`);
    const ingest = await ingestPhase(templates, stores, options);
    await checkCounts(stores, ingest.result);
    let nextCopy = ingest.result.rounds[ingest.result.rounds.length - 1].copy + 1;
    // The experiment's reference: the write cost of one more round without the proposed indexes.
    const referenceRound = options.experiment ? await roundPhase(templates, stores, nextCopy++) : undefined;
    const chart = stores.get('chart');
    await vacuumAnalyze(chart);
    const mix = queryMix(ingest.result.patients);
    console.log(`Searching: ${mix.length} kinds, concurrency ${options.concurrency}, ${options.seconds} s…`);
    const before = await searchPhase(stores, mix, options, options.profile);
    printPlans('Plans (schema as migrated)', before.explained);
    const sizes = await tableSizes(chart);
    const experiment = options.experiment
      ? await experimentPhase(templates, stores, mix, nextCopy, options)
      : undefined;
    if (experiment !== undefined) {
      printPlans('Plans (EXPERIMENT: with the proposed indexes)', experiment.explained);
    }
    const figures = { ingestConcurrency: options.ingestConcurrency, ingest, sizes, before, referenceRound, experiment };
    printReport(figures);
    saveFigures(figures);
  } finally {
    process.removeListener('SIGINT', interrupted);
    if (options.keepSchemas) {
      console.log(`\nSchemas kept in ${stores.databaseUrl}; drop them with: ${await stores.keep()}`);
    } else {
      await stores.drop();
    }
  }
}
