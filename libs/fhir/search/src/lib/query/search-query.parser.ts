import { parseCompartment } from './compartment-filter.parser';
import { parseFilter } from './filter.parser';
import { DEFAULT_SEARCH_COUNT, type ResultParameters, applyResultParameter } from './result-parameters.parser';
import type { SearchFilter } from './search-filter.types';
import { UnknownSearchParameterError } from './search-query.errors';
import type { ParseSearchQueryOptions, SearchRequest, SearchWarning } from './search-request.types';

/** Accepted and ignored here: the gateway applies them to the response format. */
const FORMAT_PARAMETERS: ReadonlySet<string> = new Set(['_format', '_pretty']);

/**
 * Parses a type-level search query into a validated {@link SearchRequest}: repeated parameters are AND-ed,
 * comma-separated values OR-ed, values parsed by parameter type. Strict by default: an unknown parameter,
 * an unsupported modifier or a malformed value throws `FhirError` 400 naming the parameter; `lenient` drops
 * unknown parameters into `warnings` instead. Pure: no I/O. See https://hl7.org/fhir/R4/search.html
 */
export function parseSearchQuery(options: ParseSearchQueryOptions): SearchRequest {
  const { resourceType, lookup, baseUrl } = options;
  const filters: SearchFilter[] =
    options.compartment === undefined ? [] : [parseCompartment(options.compartment, resourceType)];
  const warnings: SearchWarning[] = [];
  const canonicalParams: Array<readonly [string, string]> = [];
  const result: ResultParameters = { include: [], revinclude: [] };
  for (const [name, value] of options.params) {
    // An empty value (`name=`) constrains nothing; HAPI and Medplum ignore it too.
    if (FORMAT_PARAMETERS.has(name) || value === '') {
      continue;
    }
    const echoed = applyResultParameter(name, value, resourceType, lookup, result);
    if (echoed !== undefined) {
      canonicalParams.push([name, echoed]);
      continue;
    }
    try {
      const parsed = parseFilter(name, value, resourceType, { lookup, baseUrl, param: name });
      filters.push(parsed.filter);
      canonicalParams.push([parsed.name, value]);
    } catch (error) {
      if (!(options.lenient && error instanceof UnknownSearchParameterError)) {
        throw error;
      }
      warnings.push({ parameter: name, message: error.message });
    }
  }
  return {
    resourceType,
    filters,
    include: result.include,
    revinclude: result.revinclude,
    count: result.count ?? DEFAULT_SEARCH_COUNT,
    sort: result.sort ?? [],
    ...(result.total === undefined ? {} : { total: result.total }),
    ...(result.summary === undefined ? {} : { summary: result.summary }),
    ...(result.elements === undefined ? {} : { elements: result.elements }),
    warnings,
    canonicalParams,
  };
}
