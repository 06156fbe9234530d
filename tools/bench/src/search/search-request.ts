import { FULL_ACCESS, type SearchResourcesRequest } from '@connector/contracts';
import type { SearchInstance } from './query-mix';

/** The base URL the gateway would pass; no search of the mix uses absolute references. */
const BASE_URL = 'http://127.0.0.1/fhir';

/** The `<service>.resource.search` request the gateway sends for `instance` for a provider (full access, strict). */
export function searchRequest(instance: SearchInstance): SearchResourcesRequest {
  return {
    resourceType: instance.resourceType,
    params: instance.params,
    lenient: false,
    baseUrl: BASE_URL,
    access: FULL_ACCESS,
  };
}
