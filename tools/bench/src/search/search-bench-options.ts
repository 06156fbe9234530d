import { parseArgs } from 'node:util';

export interface SearchBenchOptions {
  /** Length of each measured search run. */
  readonly seconds: number;
  /** Unrecorded searches before each measured run (plans, JIT, buffer cache). */
  readonly warmupSeconds: number;
  readonly concurrency: number;
  /** Bundles imported at once (1 = `connector import`, one file after the other). */
  readonly ingestConcurrency: number;
  /** Import until the chart store (the one searched) holds at least this many resources. */
  readonly minChartResources: number;
  /** Sample the ingest and the first measured search run with V8's profiler. */
  readonly profile: boolean;
  /** Also create the proposed indexes (index-experiment.ts) and measure again. */
  readonly experiment: boolean;
  /** Leave the scratch schemas for manual EXPLAIN work (the run prints how to drop them). */
  readonly keepSchemas: boolean;
}

export const SEARCH_BENCH_USAGE =
  'npm run bench -- search [--seconds 30] [--concurrency 10] [--resources 100000] [--ingest-concurrency 1] [--profile] ' +
  '[--baseline-only] [--keep-schemas]';

function positive(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`--${name} must be a positive number, not ${text} (${SEARCH_BENCH_USAGE})`);
  }
  return value;
}

export function parseSearchBenchOptions(argv: readonly string[]): SearchBenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seconds: { type: 'string', default: '30' },
      concurrency: { type: 'string', default: '10' },
      resources: { type: 'string', default: '100000' },
      'ingest-concurrency': { type: 'string', default: '1' },
      profile: { type: 'boolean', default: false },
      'baseline-only': { type: 'boolean', default: false },
      'keep-schemas': { type: 'boolean', default: false },
    },
  });
  return {
    seconds: positive('seconds', values.seconds),
    warmupSeconds: 5,
    concurrency: positive('concurrency', values.concurrency),
    ingestConcurrency: positive('ingest-concurrency', values['ingest-concurrency']),
    minChartResources: positive('resources', values.resources),
    profile: values.profile === true,
    experiment: values['baseline-only'] !== true,
    keepSchemas: values['keep-schemas'] === true,
  };
}
