import { type ImportTally, planChunk, type StoredVersionRow } from './import-plan.util';
import { indexSteps } from './index-steps.util';
import type { PreparedResource } from './prepared-import.util';
import type { ResourceStoreStatements, SqlStatement } from './resource-store.statements';

/**
 * Rows per statement: 6 parameters a row keeps a chunk far below SQLite's 32766 and PostgreSQL's 65535 bound
 * parameters, while a Synthea patient bundle (~300 resources) still takes only a few round trips.
 */
export const IMPORT_CHUNK_SIZE = 500;

/**
 * The import algorithm as a sequence of statements: it yields each statement and is resumed with that
 * statement's result rows. Written resources get their search index rows replaced in the same transaction;
 * unchanged ones keep theirs. SQLite runs it synchronously inside one better-sqlite3 transaction, PostgreSQL with
 * awaits inside one TypeORM transaction: one algorithm, two ways of executing it.
 */
export function* importSteps(
  resources: readonly PreparedResource[],
  statements: ResourceStoreStatements,
  lastUpdated: string,
): Generator<SqlStatement, ImportTally, unknown[]> {
  const tally: ImportTally = { created: 0, updated: 0, unchanged: 0 };
  for (const chunk of chunksOfOneType(resources)) {
    const ids = chunk.map((prepared) => prepared.resource.id);
    const stored = (yield statements.selectStoredVersions(chunk[0].resource.resourceType, ids)) as StoredVersionRow[];
    const rows = planChunk(chunk, stored, lastUpdated, tally);
    if (rows.length > 0) {
      yield statements.upsertResources(rows);
      yield statements.insertVersions(rows);
      // Only a changed resource (version > 1) can have index rows already; new ones skip the deletes.
      const replacedIds = rows.filter((row) => row.versionId > 1).map((row) => row.id);
      yield* indexSteps(
        statements.index,
        chunk[0].resource.resourceType,
        rows.map((row) => row.stored),
        replacedIds,
      );
    }
  }
  return tally;
}

/** Splits resources sorted by type into chunks of at most IMPORT_CHUNK_SIZE that each hold a single type. */
function* chunksOfOneType(resources: readonly PreparedResource[]): Generator<PreparedResource[]> {
  let chunk: PreparedResource[] = [];
  for (const prepared of resources) {
    const typeChanges = chunk.length > 0 && chunk[0].resource.resourceType !== prepared.resource.resourceType;
    if (typeChanges || chunk.length === IMPORT_CHUNK_SIZE) {
      yield chunk;
      chunk = [];
    }
    chunk.push(prepared);
  }
  if (chunk.length > 0) {
    yield chunk;
  }
}
