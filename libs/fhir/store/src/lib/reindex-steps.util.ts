import { indexSteps, type ResourceToIndex } from './index-steps.util';
import type { ResourceStoreStatements, SqlStatement } from './resource-store.statements';

/** Resources re-indexed per transaction: short transactions, and a chunk's rows still fit a few statements. */
export const REINDEX_CHUNK_SIZE = 500;

/** What one re-index chunk did: how many resources, and the last id (where the next chunk starts). */
export interface ReindexChunk {
  readonly count: number;
  readonly lastId: string | undefined;
}

/**
 * One chunk of a re-index: the next current resources of `resourceType` after `afterId`, read inside the
 * transaction (so the rows written match the content committed), their index rows rebuilt from that content.
 */
export function* reindexChunkSteps(
  statements: ResourceStoreStatements,
  resourceType: string,
  afterId: string,
): Generator<SqlStatement, ReindexChunk, unknown[]> {
  const rows = (yield statements.selectResourcesAfter(resourceType, afterId, REINDEX_CHUNK_SIZE)) as {
    id: string;
    content: string;
  }[];
  const ids = rows.map((row) => row.id);
  const resources = rows.map((row) => JSON.parse(row.content) as ResourceToIndex);
  yield* indexSteps(statements.index, resourceType, resources, ids);
  return { count: rows.length, lastId: ids.at(-1) };
}
