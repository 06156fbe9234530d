import { parseSearchQuery } from '@connector/fhir-search';
import { searchParameter } from '@connector/fhir-search-parameters';
import type { DataSource } from 'typeorm';
import { ResourceStore } from '../resource-store.service';
import { combinationKey, conformanceCases, requirementKeys, type ConformanceCase } from './conformance-cases.util';
import { importConformanceCorpus } from './conformance-corpus.util';
import { CONFORMANCE_EXCLUSIONS } from './conformance-exclusions.constants';
import type { ConformanceQuery } from './conformance-query.types';
import { expectedIds, expectedRevincluded } from './oracle-match.util';
import { generateQueries, type ConformanceCorpus } from './query-generator.util';
import { CONFORMANCE_BASE_URL, queryParams, queryText } from './query-text.util';
import { loadUsCoreCapability } from './us-core-capability.util';

/*
 * The US Core 6.1 search conformance suite, run by the SQLite spec and the PostgreSQL distributed spec alike: one test
 * per SHALL combination (and per carrier of a SHALL comparator or multipleOr), each comparing the engine's id sets
 * with the oracle's over the shared Synthea and US Core data, then a check that every SHALL requirement was shown.
 */

/** Counts for the spec to print (`SEARCH_TIMINGS=1`). */
export interface ConformanceTally {
  queries: number;
  failedQueries: number;
  searchMs: number;
}

const MAX_PAGE = '1000';
const MAX_LISTED = 8;

interface EngineAnswer {
  readonly ids: string[];
  readonly included: string[];
}

/** Runs the query through the public API (parser with the real lookup, then ResourceStore.search), every page. */
async function engineAnswer(store: ResourceStore, query: ConformanceQuery): Promise<EngineAnswer> {
  const params: [string, string][] = [...queryParams(query), ['_count', MAX_PAGE]];
  const request = parseSearchQuery({
    resourceType: query.resourceType,
    params,
    lookup: searchParameter,
    baseUrl: CONFORMANCE_BASE_URL,
  });
  const ids: string[] = [];
  const included: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.search(request, cursor === undefined ? {} : { cursor });
    ids.push(...page.resources.map((text) => (JSON.parse(text) as { id: string }).id));
    for (const text of page.included ?? []) {
      const { resourceType, id } = JSON.parse(text) as { resourceType: string; id: string };
      included.push(`${resourceType}/${id}`);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { ids: [...new Set(ids)].sort(), included: [...new Set(included)].sort() };
}

const listed = (ids: readonly string[]) =>
  `[${ids.slice(0, MAX_LISTED).join(', ')}${ids.length > MAX_LISTED ? `, … ${ids.length - MAX_LISTED} more` : ''}]`;

/** A readable difference between two sorted id lists, or undefined when they are equal. */
function difference(what: string, expected: readonly string[], actual: readonly string[]): string | undefined {
  const missing = expected.filter((id) => !actual.includes(id));
  const unexpected = actual.filter((id) => !expected.includes(id));
  if (missing.length === 0 && unexpected.length === 0) {
    return undefined;
  }
  return `${what}: expected ${expected.length}, engine ${actual.length}; missing ${listed(missing)}; unexpected ${listed(unexpected)}`;
}

function caseName(each: ConformanceCase): string {
  const extras = [
    ...[...each.comparators].map(([code, comparators]) => `${code} ${comparators.join(',')}`),
    ...each.multipleOr.map((code) => `${code} multipleOr`),
    ...[...each.chains].map(([code, chained]) => `${code}.${chained.join('|')}`),
    ...each.revincludes.map((revinclude) => `_revinclude=${revinclude}`),
  ];
  return `${combinationKey(each.resourceType, each.codes)} (${[each.expectation, ...extras].join('; ')})`;
}

export function describeUsCoreConformance(getDataSource: () => DataSource, tally?: ConformanceTally): void {
  const capability = loadUsCoreCapability();
  const cases = conformanceCases(capability);
  const requirements = requirementKeys(capability);
  const covered = new Set<string>();
  let store: ResourceStore;
  let corpus: ConformanceCorpus;

  beforeAll(async () => {
    store = new ResourceStore(getDataSource());
    corpus = await importConformanceCorpus(store);
  }, 180_000);

  /** The problems of one query (empty when engine and oracle agree); records what it covered. */
  async function check(query: ConformanceQuery): Promise<string[]> {
    const name = queryText(query);
    const expected = expectedIds(query, corpus);
    const revincluded = expectedRevincluded(query, expected, corpus);
    const shown = query.revinclude === undefined ? expected.length > 0 : revincluded.length > 0;
    if (shown) {
      query.features.forEach((feature) => covered.add(feature));
    }
    if (query.expectNone && expected.length > 0) {
      return [`${name}\n  oracle: built to match nothing, but matches ${listed(expected)}`];
    }
    const started = performance.now();
    try {
      const actual = await engineAnswer(store, query);
      const problems = [
        difference('matches', expected, actual.ids),
        difference('_revinclude', revincluded, actual.included),
      ];
      return problems
        .filter((problem): problem is string => problem !== undefined)
        .map((problem) => `${name}\n  ${problem}`);
    } catch (error) {
      return [`${name}\n  engine error: ${error instanceof Error ? error.message : String(error)}`];
    } finally {
      if (tally) {
        tally.queries += 1;
        tally.searchMs += performance.now() - started;
      }
    }
  }

  describe('US Core 6.1 server CapabilityStatement: SHALL searches', () => {
    it.each(cases.map((each) => [caseName(each), each] as const))('%s', async (_name, each) => {
      const queries = generateQueries(each, corpus);
      if (queries.length === 0) {
        // No resource has all the parameters: only acceptable when the combination is a justified exclusion.
        expect(CONFORMANCE_EXCLUSIONS).toHaveProperty([combinationKey(each.resourceType, each.codes)]);
        return;
      }
      const problems: string[] = [];
      for (const query of queries) {
        const found = await check(query);
        problems.push(...found);
        if (tally && found.length > 0) {
          tally.failedQueries += 1;
        }
      }
      expect(problems).toEqual([]);
    });

    it('covers every SHALL requirement (combination, parameter, comparator, multipleOr, chain, _revinclude)', () => {
      const uncovered = requirements.filter((key) => !covered.has(key) && CONFORMANCE_EXCLUSIONS[key] === undefined);
      const stale = Object.keys(CONFORMANCE_EXCLUSIONS).filter(
        (key) => !requirements.includes(key) || covered.has(key),
      );
      expect(requirements).toContain(combinationKey('Observation', ['patient', 'category']));
      expect({ uncovered, stale }).toEqual({ uncovered: [], stale: [] });
    });
  });
}
