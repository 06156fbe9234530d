import { Injectable } from '@nestjs/common';
import type { ImportResourcesReply, ResourceToImport } from '@connector/contracts';
import type { SearchRequest } from '@connector/fhir-search';
import { searchParameter } from '@connector/fhir-search-parameters';
import { DataSource } from 'typeorm';
import { importSteps } from './import-steps.util';
import { PostgresStoreBackend } from './postgres-store.backend';
import { prepareImport } from './prepared-import.util';
import { REINDEX_CHUNK_SIZE, type ReindexChunk, reindexChunkSteps } from './reindex-steps.util';
import { ResourceStoreStatements, type SqlStatement } from './resource-store.statements';
import { IncludeResolver } from './search/include-resolver';
import type { ResourceKey } from './search/include.statements';
import { SearchExecutor } from './search/search-executor';
import type { SearchOptions, SearchPage, SearchPageRequest } from './search/search-page.types';
import { AccessPolicy } from './search/access-policy';
import { SqliteStoreBackend } from './sqlite-store.backend';
import type { StoreBackend } from './store-backend';
import { storeDialect } from './store-dialect.util';

interface Connected {
  readonly backend: StoreBackend;
  readonly statements: ResourceStoreStatements;
  readonly search: SearchExecutor;
  readonly includes: IncludeResolver;
}

const EVERY_TYPE = () => true;

/** Where a re-index continues: after resource `afterId` of `resourceType` ('' = from its first). */
export interface ReindexPosition {
  readonly resourceType: string;
  readonly afterId: string;
}

/** What one re-index chunk did, and where the next one starts (absent when the re-index is complete). */
export interface ReindexStep {
  readonly count: number;
  readonly next?: ReindexPosition;
}

/**
 * The generic FHIR resource store of one service: every resource type in one table, each version kept.
 * See https://hl7.org/fhir/R4/http.html#read and https://hl7.org/fhir/R4/resource.html#Meta
 */
@Injectable()
export class ResourceStore {
  private connected: Connected | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The stored JSON text of the current version (with meta.versionId and meta.lastUpdated), or null — also when
   * `access` hides it, so a read reveals no more than a search. A type `access` does not grant is a 403.
   */
  async read(resourceType: string, id: string, access = AccessPolicy.UNRESTRICTED): Promise<string | null> {
    const { backend, includes } = this.connect();
    access.requireType(resourceType);
    if (access.unrestricted) {
      return backend.read(resourceType, id);
    }
    const [resource] = await includes.read([{ resourceType, id }], access.restriction);
    return resource ?? null;
  }

  /**
   * Every stored version of one resource as JSON texts, newest first; null when it is absent or `access` hides its
   * current version (the history of a resource the caller may not read is as unknown as the resource).
   * See https://hl7.org/fhir/R4/http.html#history
   */
  async history(resourceType: string, id: string, access = AccessPolicy.UNRESTRICTED): Promise<string[] | null> {
    if ((await this.read(resourceType, id, access)) === null) {
      return null;
    }
    return this.contents(this.connect().statements.selectVersions(resourceType, id));
  }

  /**
   * One stored version of one resource, or null when that version, or the resource, is absent, or `access` hides
   * the current version. See https://hl7.org/fhir/R4/http.html#vread
   */
  async readVersion(
    resourceType: string,
    id: string,
    versionId: number,
    access = AccessPolicy.UNRESTRICTED,
  ): Promise<string | null> {
    if ((await this.read(resourceType, id, access)) === null) {
      return null;
    }
    const [content] = await this.contents(this.connect().statements.selectVersion(resourceType, id, versionId));
    return content ?? null;
  }

  /**
   * Stores resources in ONE transaction. Unchanged content keeps its version; new resources get version 1,
   * changed ones the next version. A (type, id) given twice counts once, the last occurrence winning. Written
   * resources get their search index rows replaced in the same transaction.
   */
  async importResources(resources: readonly ResourceToImport[]): Promise<ImportResourcesReply> {
    const prepared = prepareImport(resources);
    if (prepared.resources.length === 0) {
      return { created: 0, updated: 0, unchanged: 0, byType: {} };
    }
    const { backend, statements } = this.connect();
    // One instant for the whole batch: it was all stored by one transaction.
    const lastUpdated = new Date().toISOString();
    const tally = await backend.runInTransaction(importSteps(prepared.resources, statements, lastUpdated));
    return { ...tally, byType: prepared.byType };
  }

  /**
   * Rebuilds the search index rows of the current resources of `resourceType` (every type when omitted) from
   * their stored content, for when the search parameter definitions change. One transaction per chunk of
   * REINDEX_CHUNK_SIZE resources, so a long re-index neither blocks imports for long nor loses its progress.
   * Returns how many resources were re-indexed. See https://hl7.org/fhir/R4/searchparameter.html
   */
  async reindex(resourceType?: string): Promise<number> {
    let total = 0;
    let step = await this.reindexChunk(undefined, resourceType);
    total += step.count;
    while (step.next !== undefined) {
      step = await this.reindexChunk(step.next, resourceType);
      total += step.count;
    }
    return total;
  }

  /**
   * One chunk of a re-index (one transaction), starting at `from` (the beginning when omitted) in (type, id)
   * order, limited to `onlyType` when given; `next` says where the following chunk starts, absent when done. Lets a
   * caller spread a long re-index over many short requests.
   */
  async reindexChunk(from?: ReindexPosition, onlyType?: string): Promise<ReindexStep> {
    const { backend, statements } = this.connect();
    const types =
      onlyType !== undefined
        ? [onlyType]
        : ((await this.dataSource.query(statements.selectResourceTypes)) as { resource_type: string }[])
            .map((row) => row.resource_type)
            .sort();
    let position = from ?? (types.length === 0 ? undefined : { resourceType: types[0], afterId: '' });
    while (position !== undefined) {
      const chunk: ReindexChunk = await backend.runInTransaction(
        reindexChunkSteps(statements, position.resourceType, position.afterId),
      );
      if (chunk.count === REINDEX_CHUNK_SIZE && chunk.lastId !== undefined) {
        return { count: chunk.count, next: { resourceType: position.resourceType, afterId: chunk.lastId } };
      }
      const current = position.resourceType;
      const nextType = types.find((type) => type > current);
      position = nextType === undefined ? undefined : { resourceType: nextType, afterId: '' };
      if (chunk.count > 0) {
        return { count: chunk.count, ...(position === undefined ? {} : { next: position }) };
      }
    }
    return { count: 0 };
  }

  /**
   * One page of the resources matching a parsed search, in `_sort` order (then id), continuing after
   * `page.cursor`; the total when `_total` asks for it or `_count=0`; the page's `_include` / `_revinclude` results
   * (those of types `options.isLocalType` rejects come back as foreign work). `_summary` and `_elements` are the
   * caller's. `access` is applied inside every statement (matches, chains, `_has`, includes); searching a type it
   * does not grant is a 403. Unsupported features (terminology modifiers) and a bad cursor are a FhirError 400.
   * See https://hl7.org/fhir/R4/search.html
   */
  async search(
    request: SearchRequest,
    page?: SearchPageRequest,
    access = AccessPolicy.UNRESTRICTED,
    options: SearchOptions = {},
  ): Promise<SearchPage> {
    const { search, includes } = this.connect();
    access.requireType(request.resourceType);
    const restriction = access.restriction;
    const { matchIds, ...found } = await search.search(request, page, restriction);
    if (request.include.length === 0 && request.revinclude.length === 0) {
      return found;
    }
    const matches = matchIds.map((id) => ({ resourceType: request.resourceType, id }));
    const result = await includes.resolve(request, matches, options.isLocalType ?? EVERY_TYPE, restriction);
    return {
      ...found,
      included: result.included,
      foreignIncludes: result.foreignIncludes,
      foreignRevincludes: result.foreignRevincludes,
    };
  }

  /**
   * `:iterate` includes continued from `frontier` — resources of this store that another store's search included —
   * with the request's include directives (the caller passes only the `:iterate` ones). Same shape as a search's
   * include part: what this store holds, and the foreign work. See https://hl7.org/fhir/R4/search.html#include
   */
  async includeFrom(
    request: SearchRequest,
    frontier: readonly ResourceKey[],
    access = AccessPolicy.UNRESTRICTED,
    options: SearchOptions = {},
  ): Promise<Required<Pick<SearchPage, 'included' | 'foreignIncludes' | 'foreignRevincludes'>>> {
    const visible = await this.connect().includes.visibleKeys(frontier, access.restriction);
    const result = await this.connect().includes.resolve(
      request,
      visible,
      options.isLocalType ?? EVERY_TYPE,
      access.restriction,
    );
    return {
      included: result.included,
      foreignIncludes: result.foreignIncludes,
      foreignRevincludes: result.foreignRevincludes,
    };
  }

  /** The current versions of several resources in one batch; unknown ones and those `access` hides are left out. */
  async readMany(keys: readonly ResourceKey[], access = AccessPolicy.UNRESTRICTED): Promise<string[]> {
    return this.connect().includes.read(keys, access.restriction);
  }

  /**
   * The resources of `sourceType` (`*` = any) whose reference parameter `code` (`*` = any) points at one of
   * `targets` (and that `access` lets through): a `_revinclude` run for another store's matches. See https://hl7.org/fhir/R4/search.html#revinclude
   */
  async referencing(
    sourceType: string,
    code: string,
    targets: readonly ResourceKey[],
    access = AccessPolicy.UNRESTRICTED,
  ): Promise<string[]> {
    return this.connect().includes.referencing(targets, { sourceType, code }, access.restriction);
  }

  /** How many resources the store holds (current versions of every type). */
  async count(): Promise<number> {
    const rows = (await this.dataSource.query(this.connect().statements.count)) as { total: number | string }[];
    // PostgreSQL's COUNT is a bigint, which pg hands over as a string.
    return Number(rows[0].total);
  }

  /** True when the database answers a trivial query. */
  async ping(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private async contents(statement: SqlStatement): Promise<string[]> {
    const rows = (await this.dataSource.query(statement.sql, statement.params)) as { content: string }[];
    return rows.map((row) => row.content);
  }

  /** Built on first use: entity metadata (table names, schema) exists only once the DataSource is initialized. */
  private connect(): Connected {
    if (this.connected === undefined) {
      const dialect = storeDialect(this.dataSource);
      const statements = new ResourceStoreStatements(dialect);
      this.connected = {
        backend: this.createBackend(statements),
        statements,
        search: new SearchExecutor(this.dataSource, dialect, searchParameter),
        includes: new IncludeResolver(this.dataSource, dialect),
      };
    }
    return this.connected;
  }

  private createBackend(statements: ResourceStoreStatements): StoreBackend {
    const type = this.dataSource.options.type;
    if (type === 'postgres') {
      return new PostgresStoreBackend(this.dataSource, statements);
    }
    if (type === 'better-sqlite3') {
      return new SqliteStoreBackend(this.dataSource, statements);
    }
    throw new Error(`ResourceStore supports postgres and better-sqlite3, not ${type}`);
  }
}
