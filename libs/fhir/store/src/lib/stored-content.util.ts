import type { ResourceToImport } from '@connector/contracts';
import { clientMeta } from './client-meta.util';

/**
 * The JSON text stored and served for one version: the resource with meta.versionId and meta.lastUpdated set by
 * the store, the rest of the incoming meta (profile, security, tag, source) kept. meta goes right after id, where
 * FHIR's JSON examples put it. See https://hl7.org/fhir/R4/resource.html#Meta
 */
export function storedContent(resource: ResourceToImport, versionId: number, lastUpdated: string): string {
  const { resourceType, id, meta, ...elements } = resource;
  return JSON.stringify({
    resourceType,
    id,
    meta: { versionId: String(versionId), lastUpdated, ...clientMeta(meta) },
    ...elements,
  });
}
