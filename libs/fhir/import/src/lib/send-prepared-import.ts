import {
  ImportResourcesReply,
  RESOURCE_SERVICE_SUBJECTS,
  type ImportResourcesRequest,
  type ResourceServiceName,
} from '@connector/contracts';
import type { PreparedImport } from './prepared-import';

/**
 * The part of `ServiceClients` (@connector/shared-transport) that an import needs, so this lib does not depend on
 * a transport and tests can pass a fake.
 */
export interface ImportClients {
  get(service: ResourceServiceName): {
    request<T extends object>(subject: string, payload: object, replyType: new () => T): Promise<T>;
  };
}

/** What the services did with one prepared file, summed over services. */
export interface ImportResult {
  readonly source: string;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Resources stored (created, updated or unchanged) per resource type, as the services counted them. */
  readonly byType: Record<string, number>;
  readonly byService: ReadonlyMap<ResourceServiceName, ImportResourcesReply>;
}

/** A service rejected (or never answered) its part of a file; `imported` lists the services that had already stored theirs. */
export class ImportRequestError extends Error {
  constructor(
    readonly source: string,
    readonly service: ResourceServiceName,
    readonly imported: readonly ResourceServiceName[],
    override readonly cause: unknown,
  ) {
    super(`the ${service} service rejected the import: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ImportRequestError';
  }
}

/**
 * Sends a prepared file to the services that own its resources: ONE `<service>.resource.import` request per
 * service, which that service stores in one transaction. Services are asked one after the other; the first
 * failure stops the rest and is thrown as an {@link ImportRequestError}.
 */
export async function sendPreparedImport(clients: ImportClients, prepared: PreparedImport): Promise<ImportResult> {
  const byService = new Map<ResourceServiceName, ImportResourcesReply>();
  for (const [service, resources] of prepared.byService) {
    const request: ImportResourcesRequest = { source: prepared.source, resources };
    try {
      const reply = await clients
        .get(service)
        .request(RESOURCE_SERVICE_SUBJECTS[service].importResources, request, ImportResourcesReply);
      byService.set(service, reply);
    } catch (error) {
      throw new ImportRequestError(prepared.source, service, [...byService.keys()], error);
    }
  }
  return summarize(prepared, byService);
}

function summarize(prepared: PreparedImport, byService: Map<ResourceServiceName, ImportResourcesReply>): ImportResult {
  const replies = [...byService.values()];
  const byType: Record<string, number> = {};
  for (const reply of replies) {
    for (const [resourceType, count] of Object.entries(reply.byType)) {
      byType[resourceType] = (byType[resourceType] ?? 0) + count;
    }
  }
  return {
    source: prepared.source,
    created: replies.reduce((sum, reply) => sum + reply.created, 0),
    updated: replies.reduce((sum, reply) => sum + reply.updated, 0),
    unchanged: replies.reduce((sum, reply) => sum + reply.unchanged, 0),
    byType,
    byService,
  };
}
