import { FhirError } from '@connector/fhir-outcomes';
import { testLookup } from './search-parameters.fixture';
import { parseSearchQuery } from './search-query.parser';
import type { SearchRequest } from './search-request.types';

/** Test-only helpers: parse a literal query string (split on & and the first =, no percent-decoding). */
export const TEST_BASE_URL = 'https://connector.example/fhir';

export function pairsOf(query: string): Array<[string, string]> {
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals < 0 ? [pair, ''] : [pair.slice(0, equals), pair.slice(equals + 1)];
    });
}

export function parse(resourceType: string, query: string, lenient = false): SearchRequest {
  return parseSearchQuery({ resourceType, params: pairsOf(query), lookup: testLookup, baseUrl: TEST_BASE_URL, lenient });
}

/** The status and OperationOutcome text `parse` fails with (throws if it does not fail with a FhirError). */
export function rejectionOf(resourceType: string, query: string, lenient = false): { status: number; text: string } {
  try {
    parse(resourceType, query, lenient);
  } catch (error) {
    if (error instanceof FhirError) {
      return { status: error.status, text: error.outcome.issue[0]?.details?.text ?? '' };
    }
    throw error;
  }
  throw new Error(`${resourceType}?${query} was accepted`);
}
