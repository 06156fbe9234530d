import { FhirError } from '@connector/fhir-outcomes';
import { searchParameter } from '@connector/fhir-search-parameters';
import fc from 'fast-check';
import { testLookup } from './search-parameters.fixture';
import type { SearchParameterLookup } from './search-parameter-lookup';
import { type Params, searchQueries } from './search-query.arbitraries';
import { parseSearchQuery } from './search-query.parser';
import { TEST_BASE_URL } from './search-query.test-util';
import type { SearchRequest } from './search-request.types';

/*
 * Whatever the query, parseSearchQuery returns a SearchRequest or throws a FhirError 400 whose OperationOutcome names
 * the parameter at fault; nothing else escapes (https://hl7.org/fhir/R4/search.html#errors). Queries come from
 * search-query.arbitraries: spec-shaped parameters, their pieces mixed up, and unconstrained strings.
 */

const LOOKUPS: ReadonlyArray<[string, SearchParameterLookup]> = [
  ['fixture', testLookup],
  ['R4 + US Core', searchParameter],
];

/** The request, or the FhirError it failed with; anything else thrown fails the property. */
function attempt(
  resourceType: string,
  query: Params,
  lookup: SearchParameterLookup,
  lenient: boolean,
): SearchRequest | FhirError {
  try {
    return parseSearchQuery({ resourceType, params: query, lookup, baseUrl: TEST_BASE_URL, lenient });
  } catch (error) {
    if (error instanceof FhirError) {
      return error;
    }
    throw new Error(`${resourceType}?${JSON.stringify(query)} threw ${String(error)}`, { cause: error });
  }
}

/** The outcome names the whole parameter as written, or (an unknown code) one of its `:`/`.` segments. */
function namesParameter(text: string, name: string): boolean {
  const unknown = /^Unknown search parameter "(.*)" for \S+$/s.exec(text);
  return (
    text.startsWith(`Invalid search parameter "${name}": `) ||
    (unknown !== null && name.split(/[:.]/).includes(unknown[1]))
  );
}

function expectRejectionNamesItsParameter(
  error: FhirError,
  resourceType: string,
  query: Params,
  lookup: SearchParameterLookup,
  lenient: boolean,
): void {
  expect(error.status).toBe(400);
  expect(error.outcome.issue).toHaveLength(1);
  expect(error.outcome.issue[0]).toMatchObject({ severity: 'error', code: 'invalid' });
  // Parameters are read in order, so the culprit is the first one whose prefix of the query already fails, the same way.
  const culprit = query.findIndex(
    (_, i) => attempt(resourceType, query.slice(0, i + 1), lookup, lenient) instanceof FhirError,
  );
  expect((attempt(resourceType, query.slice(0, culprit + 1), lookup, lenient) as FhirError).outcome).toEqual(
    error.outcome,
  );
  const text = error.outcome.issue[0].details?.text ?? '';
  if (!namesParameter(text, query[culprit][0])) {
    throw new Error(`"${text}" does not name ${JSON.stringify(query[culprit][0])}`);
  }
}

describe(parseSearchQuery.name, () => {
  describe.each(LOOKUPS)('with the %s search parameters', (_, lookup) => {
    it('returns a request or throws a 400 OperationOutcome naming the parameter at fault, for any query', () => {
      fc.assert(
        fc.property(searchQueries(lookup), ({ resourceType, query, lenient }) => {
          const result = attempt(resourceType, query, lookup, lenient);
          if (result instanceof FhirError) {
            expectRejectionNamesItsParameter(result, resourceType, query, lookup, lenient);
            return;
          }
          expect(result.count).toBeGreaterThanOrEqual(0);
          expect(result.count).toBeLessThanOrEqual(1000);
          const names = query.map(([name]) => name);
          result.warnings.forEach((warning) => expect(names).toContain(warning.parameter));
          expect(lenient || result.warnings.length === 0).toBe(true);
        }),
        { numRuns: 1000 },
      );
    });

    it('reads the canonical parameters of an accepted query back into the same request (self links are stable)', () => {
      fc.assert(
        fc.property(searchQueries(lookup), ({ resourceType, query, lenient }) => {
          const first = attempt(resourceType, query, lookup, lenient);
          fc.pre(!(first instanceof FhirError));
          const again = attempt(resourceType, (first as SearchRequest).canonicalParams, lookup, false);
          expect(again).toEqual({ ...first, warnings: [] });
        }),
        { numRuns: 1000 },
      );
    });
  });
});
