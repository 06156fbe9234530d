import {
  chainKey,
  combinationKey,
  comparatorKey,
  multipleOrKey,
  revincludeKey,
  type ConformanceCase,
} from './conformance-cases.util';
import type { ConformanceQuery, DatePrefix, QueryClause, QueryValue } from './conformance-query.types';
import { oracleAccessor, type Json } from './oracle-accessors.constants';
import { expectedIds, localReference, type OracleCorpus } from './oracle-match.util';
import { foldText } from './oracle-values.util';
import { dateBoundary, dateTexts, noSuchValue, referenceTarget, seedValue } from './query-values.util';

/*
 * The queries of one case, built from real resources ("seeds") so that most of them find something: per seed, the
 * combination with the seed's own values, each SHALL comparator around the seed's date, each SHALL multipleOr with the
 * seed's value ORed with another real one (and with a value nothing has), each SHALL chain through the seed's
 * reference; per case, OR evidence from the whole type, an accent-free search of an accented string, one query with
 * a value nothing has and one per SHALL _revinclude. The oracle, not this file, decides what each must find.
 */

/** The imported data, and which resources came from the US Core examples (the rest are Synthea). */
export interface ConformanceCorpus extends OracleCorpus {
  readonly usCoreKeys: ReadonlySet<string>;
}

const US_CORE_SEEDS = 2;
const SEEDS = 5;

const keyOf = (resource: Json) => `${resource['resourceType'] as string}/${resource['id'] as string}`;

/** `count` items spread evenly over `items` (deterministic). */
function spread<T>(items: readonly T[], count: number): T[] {
  const taken = Math.min(count, items.length);
  return Array.from({ length: taken }, (_unused, index) => items[Math.floor((index * items.length) / taken)]);
}

/** Resources of the case's type that have a value for every parameter of the combination, by id. */
function candidates(each: ConformanceCase, corpus: ConformanceCorpus): Json[] {
  return [...(corpus.byType.get(each.resourceType) ?? [])]
    .filter((resource) =>
      each.codes.every((code) => seedValue(oracleAccessor(each.resourceType, code), resource, 0) !== undefined),
    )
    .sort((a, b) => ((a['id'] as string) < (b['id'] as string) ? -1 : 1));
}

/** Up to SEEDS resources: a few US Core examples (their shapes differ from Synthea's), the rest Synthea. */
function pickSeeds(all: readonly Json[], corpus: ConformanceCorpus): Json[] {
  const usCore = all.filter((resource) => corpus.usCoreKeys.has(keyOf(resource)));
  const synthea = all.filter((resource) => !corpus.usCoreKeys.has(keyOf(resource)));
  const fromUsCore = spread(usCore, Math.max(US_CORE_SEEDS, SEEDS - synthea.length));
  return [...fromUsCore, ...spread(synthea, SEEDS - fromUsCore.length)];
}

function baseClauses(each: ConformanceCase, seed: Json, index: number): QueryClause[] {
  return each.codes.map((code) => ({
    code,
    values: [seedValue(oracleAccessor(each.resourceType, code), seed, index) as QueryValue],
  }));
}

const replaced = (clauses: readonly QueryClause[], code: string, clause: QueryClause) =>
  clauses.map((each) => (each.code === code ? clause : each));

function comparatorQueries(each: ConformanceCase, seed: Json, index: number, base: QueryClause[]) {
  const features = [combinationKey(each.resourceType, each.codes)];
  return [...each.comparators].flatMap(([code, comparators]) => {
    const accessor = oracleAccessor(each.resourceType, code);
    const boundary = dateBoundary(accessor.type === 'date' ? accessor.read(seed) : [], index) as number;
    return comparators.flatMap((comparator) =>
      dateTexts(boundary).map((text) => ({
        resourceType: each.resourceType,
        clauses: replaced(base, code, { code, values: [{ type: 'date', prefix: comparator as DatePrefix, text }] }),
        features: [...features, comparatorKey(each.resourceType, code, comparator)],
      })),
    );
  });
}

const sameValue = (a: QueryValue | undefined, b: QueryValue | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** A value of `code`, other than `own`, that a resource matching the other clauses of `base` has. */
function alternative(each: ConformanceCase, code: string, base: QueryClause[], index: number, corpus: OracleCorpus) {
  const own = base.find((clause) => clause.code === code)?.values[0];
  const others = { resourceType: each.resourceType, features: [], clauses: base.filter((c) => c.code !== code) };
  const neighbours = new Set(expectedIds(others, corpus));
  return (corpus.byType.get(each.resourceType) ?? [])
    .filter((resource) => neighbours.has(resource['id'] as string))
    .map((resource) => seedValue(oracleAccessor(each.resourceType, code), resource, index))
    .find((value) => value !== undefined && !sameValue(value, own));
}

function orQuery(each: ConformanceCase, base: QueryClause[], code: string, values: QueryValue[], features: string[]) {
  return { resourceType: each.resourceType, clauses: replaced(base, code, { code, values }), features };
}

/**
 * `code=<seed's value>,<another value>` when a resource matching the other clauses has another one (the evidence
 * that values are ORed), and always `code=<no such value>,<seed's value>`.
 */
function multipleOrQueries(
  each: ConformanceCase,
  seed: Json,
  index: number,
  base: QueryClause[],
  corpus: OracleCorpus,
) {
  return each.multipleOr.flatMap((code): ConformanceQuery[] => {
    const own = base.find((clause) => clause.code === code)?.values[0] as QueryValue;
    const other = alternative(each, code, base, index, corpus);
    const noSuch = noSuchValue(oracleAccessor(each.resourceType, code));
    return [
      ...(other === undefined
        ? []
        : [orQuery(each, base, code, [own, other], [multipleOrKey(each.resourceType, code)])]),
      orQuery(each, base, code, [noSuch, own], []),
    ];
  });
}

/** The first resource of `all` under which `code` has two values to OR, searched with the parameters `codes`. */
function orEvidence(each: ConformanceCase, code: string, codes: readonly string[], corpus: ConformanceCorpus) {
  const reduced: ConformanceCase = { ...each, codes };
  for (const resource of candidates(reduced, corpus)) {
    const base = baseClauses(reduced, resource, 0);
    const other = alternative(reduced, code, base, 0, corpus);
    if (other !== undefined) {
      const own = base.find((clause) => clause.code === code)?.values[0] as QueryValue;
      return orQuery(reduced, base, code, [own, other], [multipleOrKey(each.resourceType, code)]);
    }
  }
  return undefined;
}

/**
 * OR evidence from the whole type when no seed gave any (the data rarely has two statuses for one patient and
 * category): with the case's parameters, else with `patient` and the parameter, else the parameter alone — multipleOr
 * is a property of the parameter. Skipped at once when the type has a single value of the parameter in all.
 */
function orEvidenceQueries(each: ConformanceCase, corpus: ConformanceCorpus): ConformanceQuery[] {
  return each.multipleOr.flatMap((code) => {
    const accessor = oracleAccessor(each.resourceType, code);
    const all = corpus.byType.get(each.resourceType) ?? [];
    if (new Set(all.map((resource) => JSON.stringify(seedValue(accessor, resource, 0)))).size < 2) {
      return [];
    }
    const reductions = [each.codes, ...(each.codes.includes('patient') ? [['patient', code]] : []), [code]];
    for (const codes of reductions) {
      const query = orEvidence(each, code, codes, corpus);
      if (query !== undefined) {
        return [query];
      }
    }
    return [];
  });
}

/** `code.chained=<value of the seed's referenced resource>`, replacing the reference clause. */
function chainQueries(each: ConformanceCase, seed: Json, index: number, base: QueryClause[], corpus: OracleCorpus) {
  return [...each.chains].flatMap(([code, chained]) => {
    const accessor = oracleAccessor(each.resourceType, code);
    const target = accessor.type === 'reference' ? referenceTarget(accessor, seed) : undefined;
    const referenced = target && corpus.byKey.get(`${target.targetType}/${target.id}`);
    if (target === undefined || referenced === undefined) {
      return [];
    }
    return chained.flatMap((chainedCode): ConformanceQuery[] => {
      const value = seedValue(oracleAccessor(target.targetType, chainedCode), referenced, index);
      return value === undefined
        ? []
        : [
            {
              resourceType: each.resourceType,
              clauses: replaced(base, code, { code, chain: chainedCode, values: [value] }),
              features: [chainKey(each.resourceType, code, chainedCode)],
            },
          ];
    });
  });
}

function seedQueries(each: ConformanceCase, seed: Json, index: number, corpus: OracleCorpus): ConformanceQuery[] {
  const base = baseClauses(each, seed, index);
  return [
    { resourceType: each.resourceType, clauses: base, features: [combinationKey(each.resourceType, each.codes)] },
    ...comparatorQueries(each, seed, index, base),
    ...multipleOrQueries(each, seed, index, base, corpus),
    ...chainQueries(each, seed, index, base, corpus),
  ];
}

/** The seed's combination with the last parameter set to a value nothing has. */
function noMatchQuery(each: ConformanceCase, seed: Json): ConformanceQuery {
  const last = each.codes[each.codes.length - 1];
  const clause = { code: last, values: [noSuchValue(oracleAccessor(each.resourceType, last))] };
  return {
    resourceType: each.resourceType,
    clauses: replaced(baseClauses(each, seed, 0), last, clause),
    features: [],
    expectNone: true,
  };
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * For each string parameter, the first resource whose value has a non-ASCII letter (Synthea's "Ordóñez"), searched
 * without accents and in upper case up to just past that letter: string search ignores case and accents.
 */
function accentQueries(each: ConformanceCase, all: readonly Json[]): ConformanceQuery[] {
  return each.codes.flatMap((code): ConformanceQuery[] => {
    const accessor = oracleAccessor(each.resourceType, code);
    if (accessor.type !== 'string') {
      return [];
    }
    for (const resource of all) {
      const accented = accessor.read(resource).find((text) => NON_ASCII.test(text));
      if (accented !== undefined) {
        const text = foldText(accented)
          .toUpperCase()
          .slice(0, accented.search(NON_ASCII) + 2);
        const clauses = replaced(baseClauses(each, resource, 0), code, { code, values: [{ type: 'string', text }] });
        return [
          { resourceType: each.resourceType, clauses, features: [combinationKey(each.resourceType, each.codes)] },
        ];
      }
    }
    return [];
  });
}

/** Per SHALL `_revinclude`, the combination of a resource that one of the revincluded sources points at, if any. */
function revincludeQueries(each: ConformanceCase, all: readonly Json[], seeds: Json[], corpus: OracleCorpus) {
  return each.revincludes.map((revinclude): ConformanceQuery => {
    const [sourceType, code] = revinclude.split(':');
    const accessor = oracleAccessor(sourceType, code);
    const pointedAt = new Set(
      (corpus.byType.get(sourceType) ?? [])
        .flatMap((source) => (accessor.type === 'reference' ? accessor.read(source) : []))
        .map(localReference),
    );
    const seed = all.find((resource) => pointedAt.has(keyOf(resource))) ?? seeds[0];
    const features = [revincludeKey(each.resourceType, revinclude)];
    return { resourceType: each.resourceType, clauses: baseClauses(each, seed, 0), revinclude, features };
  });
}

/** Every query of a case; none when no resource has all of its parameters (the coverage check reports that). */
export function generateQueries(each: ConformanceCase, corpus: ConformanceCorpus): ConformanceQuery[] {
  const all = candidates(each, corpus);
  const seeds = pickSeeds(all, corpus);
  if (seeds.length === 0) {
    return [];
  }
  return [
    ...seeds.flatMap((seed, index) => seedQueries(each, seed, index, corpus)),
    ...orEvidenceQueries(each, corpus),
    ...accentQueries(each, all),
    noMatchQuery(each, seeds[0]),
    ...revincludeQueries(each, all, seeds, corpus),
  ];
}
