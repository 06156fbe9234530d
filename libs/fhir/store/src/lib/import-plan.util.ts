import type { PreparedResource } from './prepared-import.util';
import { type StoredResource, storedResource } from './stored-content.util';

/** The version the store holds for one id (a row of the existing-versions lookup). */
export interface StoredVersionRow {
  id: string;
  version_id: number;
  content_hash: string;
}

/** One row to write, identical in the current table and the version table. */
export interface ResourceRow {
  readonly resourceType: string;
  readonly id: string;
  readonly versionId: number;
  readonly lastUpdated: string;
  readonly contentHash: string;
  readonly content: string;
  /** The resource `content` is the JSON of, for the search indexer (no re-parse). */
  readonly stored: StoredResource;
}

export interface ImportTally {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Decides what to write for one chunk of resources of one type, given the versions already stored: unchanged
 * content keeps its version (nothing written), a new resource gets version 1, changed content the next version.
 * Counts each outcome into `tally`.
 */
export function planChunk(
  chunk: readonly PreparedResource[],
  stored: readonly StoredVersionRow[],
  lastUpdated: string,
  tally: ImportTally,
): ResourceRow[] {
  const storedById = new Map(stored.map((row) => [row.id, row]));
  const rows: ResourceRow[] = [];
  for (const { resource, contentHash } of chunk) {
    const current = storedById.get(resource.id);
    if (current?.content_hash === contentHash) {
      tally.unchanged += 1;
      continue;
    }
    // Drivers may hand integers back as strings (bigint-safe pg settings): never trust the JS type.
    const versionId = current ? Number(current.version_id) + 1 : 1;
    if (current) {
      tally.updated += 1;
    } else {
      tally.created += 1;
    }
    const stored = storedResource(resource, versionId, lastUpdated);
    rows.push({
      resourceType: resource.resourceType,
      id: resource.id,
      versionId,
      lastUpdated,
      contentHash,
      content: JSON.stringify(stored),
      stored,
    });
  }
  return rows;
}
