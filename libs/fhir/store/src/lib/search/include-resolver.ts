import type { IncludeDirective, SearchRequest } from '@connector/fhir-search';
import type { DataSource } from 'typeorm';
import type { StoreSqlDialect } from '../resource-store.statements';
import type {
  ForeignIncludePath,
  ForeignRevincludePath,
  IncludeResult,
  LocalTypePredicate,
} from './include-result.types';
import { IncludeStatements, type ReferenceFilter, type ResourceKey } from './include.statements';
import type { SearchRestriction } from './sql-binder';

/** `:iterate` stops after this many rounds even if each round still finds something new. */
export const MAX_INCLUDE_ITERATIONS = 5;

// Well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement.
const KEYS_PER_STATEMENT = 10_000;

interface ResourceRow {
  readonly resource_type: string;
  readonly id: string;
  readonly content: string;
}

interface TargetRow {
  readonly target_type: string;
  readonly target_id: string;
}

interface KeyRow {
  readonly resource_type: string;
  readonly id: string;
}

const keyText = (key: ResourceKey) => `${key.resourceType}/${key.id}`;

/**
 * Resolves `_include` and `_revinclude` for one page of matches: one batched statement per path and round (no N+1),
 * `:iterate` repeated over newly included resources up to MAX_INCLUDE_ITERATIONS rounds, no cap on how many are
 * included, each resource once (a match stays a match). Every included resource is read through `restriction` (the
 * access context), so an include never reaches what the caller's search could not. See
 * https://hl7.org/fhir/R4/search.html#include
 */
export class IncludeResolver {
  private readonly statements: IncludeStatements;

  constructor(
    private readonly dataSource: DataSource,
    dialect: StoreSqlDialect,
  ) {
    this.statements = new IncludeStatements(dialect);
  }

  async resolve(
    request: SearchRequest,
    matches: readonly ResourceKey[],
    isLocal: LocalTypePredicate,
    restriction?: SearchRestriction,
  ): Promise<IncludeResult> {
    const seen = new Set(matches.map(keyText));
    const included: string[] = [];
    const foreignIncludes = new Map<string, Set<string>>();
    const foreignRevincludes = new Map<string, { sourceType: string; code: string; targets: Set<string> }>();
    let frontier: ResourceKey[] = [...matches];
    for (let round = 0; round <= MAX_INCLUDE_ITERATIONS && frontier.length > 0; round++) {
      // Plain directives apply to the matches only; `:iterate` ones to whatever the previous round included too.
      const applies = (directive: IncludeDirective) => round === 0 || directive.iterate;
      const found: ResourceRow[] = [];
      for (const directive of request.include.filter(applies)) {
        const sources = frontier.filter(
          (key) => directive.sourceType === '*' || key.resourceType === directive.sourceType,
        );
        const targets = await this.targetsOf(sources, directive);
        const local = targets.filter((key) => isLocal(key.resourceType) && !seen.has(keyText(key)));
        addAll(foreignIncludes, pathOf(directive), targets.filter((key) => !isLocal(key.resourceType)).map(keyText));
        found.push(...(await this.rows(local, (keys) => this.statements.resources(keys, restriction))));
      }
      for (const directive of request.revinclude.filter(applies)) {
        const targets = frontier.filter(
          (key) => directive.targetType === undefined || key.resourceType === directive.targetType,
        );
        if (directive.sourceType === '*' || !isLocal(directive.sourceType)) {
          const spec = { sourceType: directive.sourceType, code: directive.code };
          const entry = foreignRevincludes.get(pathOf(directive)) ?? { ...spec, targets: new Set<string>() };
          targets.forEach((key) => entry.targets.add(keyText(key)));
          foreignRevincludes.set(pathOf(directive), entry);
        }
        if (directive.sourceType === '*' || isLocal(directive.sourceType)) {
          const filter = { sourceType: directive.sourceType, code: directive.code };
          const sources = (await this.keysReferencing(targets, filter)).filter((key) => !seen.has(keyText(key)));
          found.push(...(await this.rows(sources, (keys) => this.statements.resources(keys, restriction))));
        }
      }
      frontier = [];
      for (const row of found) {
        const key = { resourceType: row.resource_type, id: row.id };
        if (!seen.has(keyText(key))) {
          seen.add(keyText(key));
          included.push(row.content);
          frontier.push(key);
        }
      }
    }
    return {
      included,
      foreignIncludes: [...foreignIncludes]
        .filter(([, references]) => references.size > 0)
        .map(([path, references]): ForeignIncludePath => ({ path, references: [...references] })),
      foreignRevincludes: [...foreignRevincludes.values()]
        .filter((entry) => entry.targets.size > 0)
        .map((entry): ForeignRevincludePath => ({ ...entry, targets: [...entry.targets] })),
    };
  }

  /**
   * Those of `keys` that exist and that `restriction` lets through: a frontier handed in from outside is checked
   * like any resource it reads, so a continuation cannot start from what the caller may not see.
   */
  async visibleKeys(keys: readonly ResourceKey[], restriction?: SearchRestriction): Promise<ResourceKey[]> {
    const rows = await this.rows<KeyRow>(keys, (batch) => this.statements.resources(batch, restriction, false));
    return rows.map((row) => ({ resourceType: row.resource_type, id: row.id }));
  }

  /** The current resources of `keys` (any number) that `restriction` lets through, in batches. */
  async read(keys: readonly ResourceKey[], restriction?: SearchRestriction): Promise<string[]> {
    return (await this.rows(keys, (batch) => this.statements.resources(batch, restriction))).map((row) => row.content);
  }

  /** Resources matching `filter` that reference one of `targets` and that `restriction` lets through. */
  async referencing(
    targets: readonly ResourceKey[],
    filter: ReferenceFilter,
    restriction?: SearchRestriction,
  ): Promise<string[]> {
    return this.read(await this.keysReferencing(targets, filter), restriction);
  }

  private async keysReferencing(targets: readonly ResourceKey[], filter: ReferenceFilter): Promise<ResourceKey[]> {
    const keys = new Map<string, ResourceKey>();
    for (const batch of batches(targets)) {
      const { sql, params } = this.statements.referencingKeys(batch, filter);
      for (const row of (await this.dataSource.query(sql, params)) as KeyRow[]) {
        const key = { resourceType: row.resource_type, id: row.id };
        keys.set(keyText(key), key);
      }
    }
    return [...keys.values()];
  }

  private async targetsOf(sources: readonly ResourceKey[], directive: IncludeDirective): Promise<ResourceKey[]> {
    const filter = { code: directive.code, targetType: directive.targetType };
    const targets = new Map<string, ResourceKey>();
    for (const batch of batches(sources)) {
      const { sql, params } = this.statements.referencedTargets(batch, filter);
      for (const row of (await this.dataSource.query(sql, params)) as TargetRow[]) {
        const key = { resourceType: row.target_type, id: row.target_id };
        targets.set(keyText(key), key);
      }
    }
    return [...targets.values()];
  }

  private async rows<Row = ResourceRow>(
    keys: readonly ResourceKey[],
    statement: (batch: readonly ResourceKey[]) => { sql: string; params: unknown[] },
  ): Promise<Row[]> {
    const rows: Row[] = [];
    for (const batch of batches(keys)) {
      const { sql, params } = statement(batch);
      rows.push(...((await this.dataSource.query(sql, params)) as Row[]));
    }
    return rows;
  }
}

function pathOf(directive: IncludeDirective): string {
  if (directive.sourceType === '*') {
    return '*';
  }
  return [
    directive.sourceType,
    directive.code,
    ...(directive.targetType === undefined ? [] : [directive.targetType]),
  ].join(':');
}

function addAll(map: Map<string, Set<string>>, key: string, values: readonly string[]): void {
  const set = map.get(key) ?? new Set<string>();
  values.forEach((value) => set.add(value));
  map.set(key, set);
}

function batches<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += KEYS_PER_STATEMENT) {
    result.push(items.slice(start, start + KEYS_PER_STATEMENT));
  }
  return result;
}
