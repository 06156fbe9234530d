import {
  type AccessContext,
  type ForeignIncludes,
  IncludedResourcesReply,
  owningService,
  RESOURCE_SERVICE_NAMES,
  RESOURCE_SERVICE_SUBJECTS,
  ReadManyResourcesRequest,
  type ResourceServiceName,
  RevincludeResourcesRequest,
} from '@connector/contracts';
import type { ServiceClients } from '@connector/shared-transport';

/**
 * Resolves the include work a service could not do alone: one read-many request per owning service per `_include`
 * path, one revinclude request per `_revinclude` directive to the service owning its source type (to every other
 * service for `*`), each with the searcher's access context. All requests run in parallel. See https://hl7.org/fhir/R4/search.html#include
 */
export async function resolveForeignIncludes(
  clients: ServiceClients,
  searchedService: ResourceServiceName,
  foreign: ForeignIncludes,
  access: AccessContext,
): Promise<string[]> {
  const requests: Promise<IncludedResourcesReply>[] = [];
  for (const { references } of foreign.include) {
    for (const [service, pairs] of groupByService(references)) {
      const payload = Object.assign(new ReadManyResourcesRequest(), { references: pairs, access });
      const subject = RESOURCE_SERVICE_SUBJECTS[service].readManyResources;
      requests.push(clients.get(service).request(subject, payload, IncludedResourcesReply));
    }
  }
  for (const { sourceType, code, targets } of foreign.revinclude) {
    const owner = owningService(sourceType);
    const services =
      sourceType === '*' ? RESOURCE_SERVICE_NAMES.filter((name) => name !== searchedService) : owner ? [owner] : [];
    for (const service of services) {
      const payload = Object.assign(new RevincludeResourcesRequest(), { sourceType, code, targets, access });
      const subject = RESOURCE_SERVICE_SUBJECTS[service].revincludeResources;
      requests.push(clients.get(service).request(subject, payload, IncludedResourcesReply));
    }
  }
  return (await Promise.all(requests)).flatMap((reply) => reply.resources);
}

/** `Type/id` references grouped as [type, id] pairs by the service owning the type; unknown types dropped. */
function groupByService(references: readonly string[]): Map<ResourceServiceName, [string, string][]> {
  const groups = new Map<ResourceServiceName, [string, string][]>();
  for (const reference of references) {
    const [resourceType, id] = reference.split('/');
    const service = owningService(resourceType);
    if (service !== undefined) {
      const pairs = groups.get(service) ?? [];
      pairs.push([resourceType, id]);
      groups.set(service, pairs);
    }
  }
  return groups;
}
