import type { Bundle, Resource } from 'fhir/r4';

/*
 * The test's own idea of what the server must return for a bundle's resources — computed straight from the raw
 * JSON, not through the importer: each entry's fullUrl maps to `Type/id`, every `reference` equal to a fullUrl is
 * rewritten to it, and the server adds meta.versionId / meta.lastUpdated and nothing else.
 */

export interface ExpectedResource {
  type: string;
  id: string;
  resource: Record<string, unknown>;
}

function rewrite(value: unknown, targets: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => rewrite(item, targets));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        key,
        key === 'reference' && typeof child === 'string' && targets.has(child) ? targets.get(child) : rewrite(child, targets),
      ]),
    );
  }
  return value;
}

/** Expected stored form of every entry of a bundle whose resources all carry ids (Synthea, the demo bundle). */
export function expectedResources(bundle: Bundle): ExpectedResource[] {
  const entries = bundle.entry ?? [];
  const targets = new Map<string, string>();
  for (const entry of entries) {
    const resource = entry.resource as Resource;
    if (entry.fullUrl && resource.id) {
      targets.set(entry.fullUrl, `${resource.resourceType}/${resource.id}`);
    }
  }
  return entries.map((entry) => {
    const resource = entry.resource as Resource;
    if (!resource.id) {
      throw new Error(`test data entry ${entry.fullUrl ?? '?'} has no id; this helper expects ids`);
    }
    return { type: resource.resourceType, id: resource.id, resource: rewrite(resource, targets) as Record<string, unknown> };
  });
}

/** A served resource without the two meta elements the server adds (and meta itself when nothing else is left). */
export function withoutServerMeta(served: Record<string, unknown>): Record<string, unknown> {
  const { meta, ...rest } = served as { meta?: Record<string, unknown> };
  if (!meta) {
    return rest;
  }
  const { versionId: _versionId, lastUpdated: _lastUpdated, ...otherMeta } = meta;
  return Object.keys(otherMeta).length > 0 ? { ...rest, meta: otherMeta } : rest;
}

/** ISO instant with millisecond precision, as the store keeps it. */
export const MILLISECOND_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
