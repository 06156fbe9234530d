import type { BenchStore, BenchStores } from './bench-stores';
import { type CompartmentExperiment, runCompartmentExperiment } from './compartment-experiment';
import { type CpuProfileSummary, type ProfileMarker, profiled, summarizeProfile } from './cpu-profile';
import { cpuSince, cpuSnapshot, type CpuUsage } from './cpu-usage';
import { applyIndexExperiment } from './index-experiment';
import { type InsertShapeExperiment, runInsertShapeExperiment } from './insert-shape-experiment';
import { type QueryKind, type SearchInstance, seededRandom } from './query-mix';
import type { SearchBenchOptions } from './search-bench-options';
import { type ExplainedKind, explainMix } from './search-explain';
import { type LoadFigures, runSearchLoad } from './search-load';
import { searchRequest } from './search-request';
import type { StatementFigures } from './statement-timer';
import type { SyntheaTemplate } from './synthea-copies';
import { ingestRate, type IngestResult, ingestSynthea } from './synthea-ingest';

/** The same instances on every run. */
const SEED = 20240601;

/** A phase's result with the CPU it used and, when profiled, where that CPU went. */
export interface Measured<T> {
  readonly result: T;
  readonly cpu: CpuUsage;
  /** Statement round trips by kind, over every store. */
  readonly statements: StatementFigures[];
  readonly profile?: CpuProfileSummary;
}

export interface SearchFigures {
  readonly explained: ExplainedKind[];
  readonly load: Measured<LoadFigures>;
}

export interface ExperimentFigures extends SearchFigures {
  readonly createIndexMs: number;
  /** One more round imported with the proposed changes in place (their effect on writes). */
  readonly extraIngest: Measured<IngestResult>;
  readonly insertShapes: InsertShapeExperiment;
  readonly compartment: CompartmentExperiment;
}

const INGEST_MARKERS: ProfileMarker[] = [
  { label: 'extractIndexValues (FHIRPath → index rows)', functionName: 'extractIndexValues', urlPart: 'libs/fhir/search' },
  { label: 'contentHash (canonical JSON + sha256)', functionName: 'contentHash', urlPart: 'libs/fhir/store' },
  { label: 'fhir-import prepareImport (bundle → resources)', functionName: 'prepareImport', urlPart: 'libs/fhir/import' },
  { label: 'syntheaCopy (bench: making copies, not timed)', functionName: 'syntheaCopy', urlPart: 'tools/bench' },
];

const SEARCH_MARKERS: ProfileMarker[] = [
  { label: 'parseSearchQuery', functionName: 'parseSearchQuery', urlPart: 'libs/fhir/search' },
  { label: 'SearchStatementBuilder.page (SQL text)', functionName: 'page', urlPart: 'libs/fhir/store' },
  { label: 'DataSource.query (TypeORM + pg)', functionName: 'query', urlPart: 'typeorm/data-source' },
];

/** Runs `work`, measuring the CPU of this process and of the bench's PostgreSQL backends, profiled when `markers`. */
async function measured<T>(
  stores: BenchStores,
  markers: ProfileMarker[] | undefined,
  work: () => Promise<T>,
): Promise<Measured<T>> {
  const before = await cpuSnapshot(stores);
  takeStatements(stores);
  if (markers === undefined) {
    const result = await work();
    return { result, statements: takeStatements(stores), cpu: await cpuSince(before, stores) };
  }
  const { result, profile } = await profiled(work);
  const statements = takeStatements(stores);
  return { result, statements, cpu: await cpuSince(before, stores), profile: summarizeProfile(profile, markers) };
}

/** The statement figures of every store since the last call, summed by kind. */
function takeStatements(stores: BenchStores): StatementFigures[] {
  const totals = new Map<string, StatementFigures>();
  for (const store of stores.byService.values()) {
    for (const figures of store.statements.take()) {
      const total = totals.get(figures.kind);
      totals.set(figures.kind, {
        kind: figures.kind,
        count: (total?.count ?? 0) + figures.count,
        ms: (total?.ms ?? 0) + figures.ms,
      });
    }
  }
  return [...totals.values()].sort((a, b) => b.ms - a.ms);
}

/** Imports copies until the chart store holds `options.minChartResources` resources. */
export function ingestPhase(
  templates: readonly SyntheaTemplate[],
  stores: BenchStores,
  options: SearchBenchOptions,
): Promise<Measured<IngestResult>> {
  return measured(stores, options.profile ? INGEST_MARKERS : undefined, () =>
    ingestSynthea(templates, stores, { chartResources: options.minChartResources }, 0, options.ingestConcurrency, (round) =>
      console.log(`  copy ${round.copy}: ${round.resources} resources, ${Math.round(ingestRate(round))}/s`),
    ),
  );
}

/** One more round (copy `copy` of every template, new patients), with its CPU. */
export function roundPhase(
  templates: readonly SyntheaTemplate[],
  stores: BenchStores,
  copy: number,
): Promise<Measured<IngestResult>> {
  // One bundle at a time: the write-cost comparison must not depend on how imports overlap.
  return measured(stores, undefined, () => ingestSynthea(templates, stores, { rounds: 1 }, copy));
}

/**
 * Statistics and visibility map as autovacuum would eventually leave them after a bulk import (since PostgreSQL 13
 * it vacuums insert-only tables too): measured runs must not depend on its timing.
 */
export async function vacuumAnalyze(store: BenchStore): Promise<void> {
  const tables = (await store.dataSource.query(
    `SELECT c.relname AS "table" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ` +
      `WHERE n.nspname = $1 AND c.relkind = 'r'`,
    [store.schema],
  )) as { table: string }[];
  for (const { table } of tables) {
    // Names from the catalog of a schema this run generated, quoted: no input reaches this statement.
    await store.dataSource.query(`VACUUM (ANALYZE) "${store.schema}"."${table}"`);
  }
}

/** The stores hold what the services said they created: a half-imported store would measure nothing useful. */
export async function checkCounts(stores: BenchStores, ingested: IngestResult): Promise<void> {
  for (const store of stores.byService.values()) {
    const { total } = await store.resources.count();
    const created = ingested.createdByService[store.service] ?? 0;
    if (total !== created) {
      throw new Error(`the ${store.service} store holds ${total} resources, the import created ${created}`);
    }
  }
}

/** EXPLAIN ANALYZE of one instance per kind, a warm-up, then the measured run at the configured concurrency. */
export async function searchPhase(
  stores: BenchStores,
  mix: readonly QueryKind[],
  options: SearchBenchOptions,
  profile: boolean,
): Promise<SearchFigures> {
  const store = stores.get('chart');
  const explained = await explainMix(store, mix, seededRandom(SEED));
  const search = async (instance: SearchInstance) => {
    const reply = await store.resources.search(searchRequest(instance));
    return { matches: reply.resources.length, included: reply.included?.length ?? 0 };
  };
  const load = { concurrency: options.concurrency, seed: SEED };
  await runSearchLoad(mix, search, { ...load, seconds: options.warmupSeconds });
  const measuredLoad = await measured(stores, profile ? SEARCH_MARKERS : undefined, () =>
    runSearchLoad(mix, search, { ...load, seconds: options.seconds }),
  );
  return { explained, load: measuredLoad };
}

/**
 * EXPERIMENT: the proposed changes applied by hand to the chart scratch schema, one more round imported with
 * them in place (copy `nextCopy`, new patients), statistics refreshed, the searches measured again; then (it alters
 * the tables, so last) the compartment column experiment.
 */
export async function experimentPhase(
  templates: readonly SyntheaTemplate[],
  stores: BenchStores,
  mix: readonly QueryKind[],
  nextCopy: number,
  options: SearchBenchOptions,
): Promise<ExperimentFigures> {
  const chart = stores.get('chart');
  const createIndexMs = await applyIndexExperiment(chart);
  const extraIngest = await roundPhase(templates, stores, nextCopy);
  await vacuumAnalyze(chart);
  const searches = await searchPhase(stores, mix, options, false);
  console.log('EXPERIMENT: index-row insert shapes…');
  const insertShapes = await runInsertShapeExperiment(chart);
  console.log('EXPERIMENT: patient compartment column and indexes…');
  const compartment = await runCompartmentExperiment(chart, mix, seededRandom(SEED));
  return { createIndexMs, extraIngest, ...searches, insertShapes, compartment };
}
