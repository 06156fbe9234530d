import type { ResourceToImport } from '@connector/contracts';
import { contentHash } from './content-hash.util';

/** One resource of an import, hashed before the transaction starts (hashing is CPU work, not database work). */
export interface PreparedResource {
  readonly resource: ResourceToImport;
  readonly contentHash: string;
}

export interface PreparedImport {
  /** Unique by (type, id), the last occurrence winning; sorted by type then id so that locks are taken in one order. */
  readonly resources: PreparedResource[];
  readonly byType: Record<string, number>;
}

/** Dedupes, hashes and orders the resources of one import request. */
export function prepareImport(resources: readonly ResourceToImport[]): PreparedImport {
  const unique = new Map<string, ResourceToImport>();
  for (const resource of resources) {
    unique.set(`${resource.resourceType}/${resource.id}`, resource);
  }
  const byType: Record<string, number> = {};
  const prepared: PreparedResource[] = [];
  for (const resource of unique.values()) {
    byType[resource.resourceType] = (byType[resource.resourceType] ?? 0) + 1;
    prepared.push({ resource, contentHash: contentHash(resource) });
  }
  prepared.sort(
    (a, b) => compare(a.resource.resourceType, b.resource.resourceType) || compare(a.resource.id, b.resource.id),
  );
  return { resources: prepared, byType };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
