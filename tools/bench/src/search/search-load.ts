import { performance } from 'node:perf_hooks';
import { type QueryKind, type SearchInstance, seededRandom } from './query-mix';

/** What one search returned: matches on the page and `_include`/`_revinclude` resources. */
export interface SearchOutcome {
  readonly matches: number;
  readonly included: number;
}

export type RunSearch = (instance: SearchInstance) => Promise<SearchOutcome>;

/** Latency figures of one query kind (or all of them). */
export interface KindFigures {
  readonly name: string;
  readonly searches: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly meanMatches: number;
  readonly meanIncluded: number;
}

export interface LoadFigures {
  readonly seconds: number;
  readonly concurrency: number;
  readonly kinds: KindFigures[];
  readonly overall: KindFigures;
}

export interface LoadOptions {
  readonly concurrency: number;
  readonly seconds: number;
  readonly seed: number;
}

interface Sample {
  readonly ms: number;
  readonly matches: number;
  readonly included: number;
}

/** Nearest-rank percentile of ascending `sorted`. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function figures(name: string, samples: readonly Sample[], seconds: number): KindFigures {
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const mean = (of: (sample: Sample) => number) =>
    samples.length === 0 ? 0 : samples.reduce((sum, sample) => sum + of(sample), 0) / samples.length;
  return {
    name,
    searches: samples.length,
    perSecond: samples.length / seconds,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    meanMatches: mean((sample) => sample.matches),
    meanIncluded: mean((sample) => sample.included),
  };
}

/**
 * `concurrency` workers, each running the kinds of `mix` in turn (worker i starting at kind i, so every kind is
 * always in flight) on random imported patients, for `seconds`. The first failing search fails the run.
 */
export async function runSearchLoad(mix: readonly QueryKind[], search: RunSearch, options: LoadOptions): Promise<LoadFigures> {
  const samples = new Map<string, Sample[]>(mix.map((kind) => [kind.name, []]));
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const worker = async (index: number) => {
    const random = seededRandom(options.seed + index);
    for (let turn = index; performance.now() < deadline; turn++) {
      const kind = mix[turn % mix.length];
      const instance = kind.instance(random);
      const before = performance.now();
      const outcome = await search(instance);
      samples.get(kind.name)?.push({ ms: performance.now() - before, ...outcome });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_unused, index) => worker(index)));
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    concurrency: options.concurrency,
    kinds: mix.map((kind) => figures(kind.name, samples.get(kind.name) ?? [], seconds)),
    overall: figures('all kinds', [...samples.values()].flat(), seconds),
  };
}
