import { owningService, type ResourceServiceName, type ResourceToImport } from '@connector/contracts';

/** One file's resources, ids assigned and references rewritten, ready to send to the services that own them. */
export interface PreparedImport {
  readonly source: string;
  readonly resources: ResourceToImport[];
  /** The same resources grouped by owning service, in file order within each group. */
  readonly byService: Map<ResourceServiceName, ResourceToImport[]>;
}

/** Groups resources by the service that stores their type (see `owningService` in @connector/contracts). */
export function preparedImport(source: string, resources: ResourceToImport[]): PreparedImport {
  const byService = new Map<ResourceServiceName, ResourceToImport[]>();
  for (const resource of resources) {
    const service = owningService(resource.resourceType);
    if (service === undefined) {
      // Every resource passed the R4 type check before it got here.
      throw new Error(`No service owns resource type ${resource.resourceType}`);
    }
    const group = byService.get(service) ?? [];
    group.push(resource);
    byService.set(service, group);
  }
  return { source, resources, byService };
}
