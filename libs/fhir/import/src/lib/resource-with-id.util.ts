import type { ResourceToImport } from '@connector/contracts';
import type { CheckedResource } from './checked-resource.util';

/** A copy of `resource` carrying `id`, with resourceType and id first (as FHIR JSON is usually written). */
export function resourceWithId(resource: CheckedResource, id: string): ResourceToImport {
  const result: ResourceToImport = { resourceType: resource.resourceType, id };
  return Object.assign(result, resource, { id });
}
