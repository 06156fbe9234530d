import { createHash } from 'node:crypto';
import { canonicalJson } from '@connector/fhir-types';
import { clientMeta } from './client-meta.util';

/**
 * sha256 (hex) of a resource's canonical JSON without meta.versionId and meta.lastUpdated, the two elements the
 * store itself sets: re-importing the same content (even a copy read back from the server) hashes the same.
 * A meta left empty by their removal counts as no meta at all.
 */
export function contentHash(resource: Record<string, unknown>): string {
  const { meta, ...elements } = resource;
  const kept = clientMeta(meta);
  const hashed = Object.keys(kept).length === 0 ? elements : { ...elements, meta: kept };
  return createHash('sha256').update(canonicalJson(hashed)).digest('hex');
}
