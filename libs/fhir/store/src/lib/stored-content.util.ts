import type { ResourceToImport } from '@connector/contracts';
import { clientMeta } from './client-meta.util';

/** A resource as the store holds it: the incoming one with the server's meta.versionId and meta.lastUpdated. */
export interface StoredResource {
  readonly resourceType: string;
  readonly id: string;
  readonly meta: Record<string, unknown>;
  readonly [element: string]: unknown;
}

/**
 * The resource stored and served for one version: meta.versionId and meta.lastUpdated set by the store, the rest
 * of the incoming meta (profile, security, tag, source) kept. meta goes right after id, where FHIR's JSON examples
 * put it. See https://hl7.org/fhir/R4/resource.html#Meta
 */
export function storedResource(resource: ResourceToImport, versionId: number, lastUpdated: string): StoredResource {
  const { resourceType, id, meta, ...elements } = resource;
  return { resourceType, id, meta: { versionId: String(versionId), lastUpdated, ...clientMeta(meta) }, ...elements };
}

/** The JSON text stored and served for one version (see {@link storedResource}). */
export function storedContent(resource: ResourceToImport, versionId: number, lastUpdated: string): string {
  return JSON.stringify(storedResource(resource, versionId, lastUpdated));
}
