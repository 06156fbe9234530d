import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.util';

/**
 * sha256 (hex) of a resource's canonical JSON without meta.versionId and meta.lastUpdated, the two elements the
 * store itself sets: re-importing the same content (even a copy read back from the server) hashes the same.
 * A meta left empty by their removal counts as no meta at all.
 */
export function contentHash(resource: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(withoutServerMeta(resource))).digest('hex');
}

function withoutServerMeta(resource: Record<string, unknown>): Record<string, unknown> {
  const { meta, ...rest } = resource;
  if (typeof meta !== 'object' || meta === null) {
    return meta === undefined ? rest : resource;
  }
  const { versionId: _versionId, lastUpdated: _lastUpdated, ...clientMeta } = meta as Record<string, unknown>;
  return Object.keys(clientMeta).length === 0 ? rest : { ...rest, meta: clientMeta };
}
