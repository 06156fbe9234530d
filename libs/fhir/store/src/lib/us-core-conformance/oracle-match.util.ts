import type { ConformanceQuery, QueryClause, QueryValue } from './conformance-query.types';
import { oracleAccessor, type Accessor, type Json } from './oracle-accessors.constants';
import { dateInterval, dateMatches, foldText } from './oracle-values.util';

/*
 * The oracle: which stored resources a ConformanceQuery matches, decided from the raw JSON with the accessors of
 * oracle-accessors.constants.ts and the rules of https://hl7.org/fhir/R4/search.html written out here.
 */

/** The resources as the store holds them (read back after the import), by type and by `Type/id`. */
export interface OracleCorpus {
  readonly byType: ReadonlyMap<string, readonly Json[]>;
  readonly byKey: ReadonlyMap<string, Json>;
}

/**
 * A stored reference as `Type/id`: a version suffix (`Type/id/_history/1`, as US Core Provenance.target carries) still
 * names that resource, so it is dropped. Absolute references stay as written (none points at this server).
 */
export function localReference(reference: string): string {
  return reference.replace(/\/_history\/[^/]+$/, '');
}

function valueMatches(accessor: Accessor, resource: Json, value: QueryValue): boolean {
  if (accessor.type !== value.type) {
    throw new Error(`oracle: a ${value.type} value for a ${accessor.type} parameter`);
  }
  switch (accessor.type) {
    case 'token': {
      const { system, code } = value as Extract<QueryValue, { type: 'token' }>;
      // Token codes compare exactly (R4: "the match is case sensitive" unless the code system says otherwise).
      return accessor.read(resource).some((t) => t.code === code && (system === undefined || t.system === system));
    }
    case 'reference': {
      const { targetType, id } = value as Extract<QueryValue, { type: 'reference' }>;
      // `id`, `Type/id` and `[base]/Type/id` all name the same local resource; the parameter's targets allow the type.
      const allowed = accessor.targets.includes('*') || accessor.targets.includes(targetType);
      return allowed && accessor.read(resource).some((each) => localReference(each) === `${targetType}/${id}`);
    }
    case 'string': {
      const wanted = foldText((value as Extract<QueryValue, { type: 'string' }>).text);
      return accessor.read(resource).some((each) => foldText(each).startsWith(wanted));
    }
    case 'date': {
      const { prefix, text } = value as Extract<QueryValue, { type: 'date' }>;
      const search = dateInterval(text);
      return accessor.read(resource).some((target) => dateMatches(prefix, search, target));
    }
  }
}

/** The resources a reference parameter of `resource` points at that the corpus holds (for chains). */
function referencedResources(accessor: Accessor, resource: Json, corpus: OracleCorpus): Json[] {
  if (accessor.type !== 'reference') {
    throw new Error('oracle: only a reference parameter can be chained');
  }
  return accessor
    .read(resource)
    .map((each) => corpus.byKey.get(localReference(each)))
    .filter((target): target is Json => target !== undefined);
}

/** A clause: any of its values (OR); a chained clause: any referenced resource matching the chained parameter. */
function clauseMatches(resourceType: string, resource: Json, clause: QueryClause, corpus: OracleCorpus): boolean {
  const accessor = oracleAccessor(resourceType, clause.code);
  if (clause.chain === undefined) {
    return clause.values.some((value) => valueMatches(accessor, resource, value));
  }
  const chain = clause.chain;
  return referencedResources(accessor, resource, corpus).some((target) => {
    const chained = oracleAccessor(target['resourceType'] as string, chain);
    return clause.values.some((value) => valueMatches(chained, target, value));
  });
}

/** The ids the query must find: every stored resource of its type matching all clauses (AND). Sorted. */
export function expectedIds(query: ConformanceQuery, corpus: OracleCorpus): string[] {
  return (corpus.byType.get(query.resourceType) ?? [])
    .filter((resource) => query.clauses.every((clause) => clauseMatches(query.resourceType, resource, clause, corpus)))
    .map((resource) => resource['id'] as string)
    .sort();
}

/**
 * `_revinclude=Source:code`: the `Type/id` of every stored Source whose `code` references one of the matches.
 * See https://hl7.org/fhir/R4/search.html#revinclude
 */
export function expectedRevincluded(query: ConformanceQuery, matchIds: readonly string[], corpus: OracleCorpus) {
  if (query.revinclude === undefined) {
    return [];
  }
  const [sourceType, code] = query.revinclude.split(':');
  const accessor = oracleAccessor(sourceType, code);
  const targets = new Set(matchIds.map((id) => `${query.resourceType}/${id}`));
  return (corpus.byType.get(sourceType) ?? [])
    .filter(
      (source) => accessor.type === 'reference' && accessor.read(source).some((r) => targets.has(localReference(r))),
    )
    .map((source) => `${sourceType}/${source['id'] as string}`)
    .sort();
}
