import { parseSearchQuery, SEARCH_PREFIXES, type SearchPrefix } from '@connector/fhir-search';
import { searchParameter } from '@connector/fhir-search-parameters';
import {
  oracleApproximateRange,
  oracleDateMatches,
  oracleDateRange,
  oracleDaysInMonth,
  type OracleInterval,
} from '@connector/shared-testing';
import fc from 'fast-check';
import type { Observation } from 'fhir/r4';
import { ResourceStore } from '../resource-store.service';
import { openSqliteStore, type TestDataSource } from '../testing/sqlite-data-source';

/*
 * `date=<prefix><value>` end to end on SQLite (indexer, parser, SQL) against the oracle in @connector/shared-testing:
 * generated Observations with effective[x] of every shape and precision, and random prefixed search values, must
 * match exactly the resources the R4 prefix table selects. See https://hl7.org/fhir/R4/search.html#date
 */

/**
 * `ap` measures its margin from now; the engine reads Date.now(), so both sides get this instant. Its odd 5 ms make
 * most margins end in half a millisecond, so that their rounding is tested too.
 */
const NOW = Date.parse('2024-06-15T12:00:00.005Z');

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

const SECONDS = [':00', ':59', ':59.5', ':59.999', ':00.0001'];

/**
 * Dates crowded around month ends, leap days, year ends and the extreme offsets, so that boundaries meet; `depth`
 * 0–3 = year, month, day, time.
 */
function dateText(zones: readonly string[], depths = [0, 1, 2, 3], seconds = ['', ...SECONDS]): fc.Arbitrary<string> {
  return fc
    .record({
      year: fc.constantFrom(1999, 2000, 2023, 2024),
      month: fc.constantFrom(1, 2, 12),
      day: fc.constantFrom(1, 28, 29, 31),
      hour: fc.constantFrom(0, 12, 23),
      minute: fc.constantFrom(0, 59),
      seconds: fc.constantFrom(...seconds),
      zone: fc.constantFrom(...zones),
      depth: fc.constantFrom(...depths),
    })
    .map(({ year, month, day, hour, minute, seconds, zone, depth }) => {
      const date = `${year}-${pad(month)}-${pad(Math.min(day, oracleDaysInMonth(year, month)))}`;
      return [String(year), date.slice(0, 7), date, `${date}T${pad(hour)}:${pad(minute)}${seconds}${zone}`][depth];
    });
}

const ZONES = ['Z', '+14:00', '-12:00', '+05:30'];
/** Stored values: a dateTime with a time carries a zone (R4 says it SHALL), an instant also seconds. */
const storedDate = dateText(ZONES);
const instant = dateText(ZONES, [3], SECONDS);
/** Search values may leave the zone out (read as UTC). */
const searchDate = dateText([...ZONES, '']);

const rangeOf = (text: string): OracleInterval => oracleDateRange(text) as OracleInterval;

interface SearchValue {
  readonly prefix: SearchPrefix;
  readonly text: string;
}
const searchValue: fc.Arbitrary<SearchValue> = fc.record({
  prefix: fc.constantFrom(...SEARCH_PREFIXES),
  text: searchDate,
});

/**
 * Instants 1 ms either side of and on the edges the searches turn on (their low and high, and the `ap` widening), as
 * millisecond instants: the cases where `<` versus `<=` or a margin's rounding shows.
 */
function edgeInstants(searches: ReadonlyArray<readonly SearchValue[]>): fc.Arbitrary<string> {
  const edges = searches.flat().flatMap(({ text }) => {
    const range = rangeOf(text);
    const approximate = oracleApproximateRange(range, NOW);
    return [range.low, range.high, approximate.low, approximate.high];
  });
  return fc
    .tuple(fc.constantFrom(...edges), fc.constantFrom(-1, 0, 1))
    .map(([edge, step]) => new Date(edge + step).toISOString());
}

interface GeneratedObservation {
  readonly element: Partial<Observation>;
  /** The intervals the oracle reads effective[x] as; none when absent. */
  readonly targets: readonly OracleInterval[];
}

/** Observation.effective[x] in each R4 shape, its dates drawn from `dateTimes` (and `instants` for an instant). */
function effective(
  dateTimes: fc.Arbitrary<string>,
  instants: fc.Arbitrary<string>,
): fc.Arbitrary<GeneratedObservation> {
  const period = fc
    .record({ start: fc.option(dateTimes, { nil: undefined }), end: fc.option(dateTimes, { nil: undefined }) })
    .filter(({ start, end }) => start !== undefined || end !== undefined)
    .map(({ start, end }) => ({
      element: {
        effectivePeriod: { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) },
      },
      targets: [
        {
          low: start === undefined ? -Infinity : rangeOf(start).low,
          high: end === undefined ? Infinity : rangeOf(end).high,
        },
      ],
    }))
    // A Period's start may not lie after its end (per-1); such data is invalid, not a search case.
    .filter(({ targets: [span] }) => span.low < span.high);
  return fc.oneof(
    dateTimes.map((text) => ({ element: { effectiveDateTime: text }, targets: [rangeOf(text)] })),
    instants.map((text) => ({ element: { effectiveInstant: text }, targets: [rangeOf(text)] })),
    period,
    fc
      .array(dateTimes, { minLength: 1, maxLength: 2 })
      .map((events) => ({ element: { effectiveTiming: { event: events } }, targets: events.map(rangeOf) })),
    fc.constant({ element: {}, targets: [] }),
  );
}

/** A few searches of 1–2 OR-ed values, and up to 8 Observations, many of them on the searches' edges. */
const scenario = fc
  .array(fc.array(searchValue, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 6 })
  .chain((searches) => {
    const edges = edgeInstants(searches);
    return fc.record({
      searches: fc.constant(searches),
      observations: fc.array(effective(fc.oneof(storedDate, edges), fc.oneof(instant, edges)), {
        minLength: 1,
        maxLength: 8,
      }),
    });
  });

const BASE_URL = 'https://connector.example/fhir';

describe(`${ResourceStore.name} date search`, () => {
  let database: TestDataSource;
  let store: ResourceStore;
  let run = 0;

  beforeAll(async () => {
    database = await openSqliteStore();
    store = new ResourceStore(database.dataSource);
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await database?.close();
  });

  /** Stores the generated Observations under fresh ids (unique per run, the store is shared) and returns them. */
  async function storeAll(resources: ReadonlyArray<Partial<Observation>>): Promise<string[]> {
    run++;
    const ids = resources.map((_, i) => `run${run}-${i}`);
    await store.importResources(
      resources.map((element, i) => ({
        resourceType: 'Observation',
        id: ids[i],
        status: 'final',
        code: { text: 'x' },
        ...element,
      })),
    );
    return ids;
  }

  /** The ids among `ids` that `date=<values>` finds. */
  async function search(ids: readonly string[], values: readonly SearchValue[]): Promise<string[]> {
    const params: Array<[string, string]> = [
      ['_id', ids.join(',')],
      ['date', values.map(({ prefix, text }) => `${prefix}${text}`).join(',')],
      ['_count', '1000'],
    ];
    const request = parseSearchQuery({
      resourceType: 'Observation',
      params,
      lookup: searchParameter,
      baseUrl: BASE_URL,
    });
    const page = await store.search(request);
    return page.resources.map((json) => (JSON.parse(json) as Observation).id as string).sort();
  }

  describe('search', () => {
    it('returns exactly the resources whose effective[x] the R4 prefix table matches, for random prefixes and dates', async () => {
      await fc.assert(
        // Several searches per stored set: storing (indexing) costs far more than searching.
        fc.asyncProperty(scenario, async ({ searches, observations }) => {
          const ids = await storeAll(observations.map(({ element }) => element));
          for (const values of searches) {
            const expected = ids
              .filter((_, i) =>
                observations[i].targets.some((target) =>
                  values.some(({ prefix, text }) => oracleDateMatches(prefix, rangeOf(text), target, NOW)),
                ),
              )
              .sort();
            expect({ values, found: await search(ids, values) }).toEqual({ values, found: expected });
          }
        }),
        { numRuns: 100 },
      );
    });
  });
});
