import type { SearchFilter } from './search-filter.types';
import type { SearchParameterLookup } from './search-parameter-lookup';

/** `_include` / `_revinclude` entry. See https://hl7.org/fhir/R4/search.html#include */
export interface IncludeDirective {
  /** Resource type holding the reference (`*` for `_include=*`). */
  readonly sourceType: string;
  /** Reference parameter code (`*` for every reference parameter). */
  readonly code: string;
  /** `Type:param:TargetType`: only follow references to this type. */
  readonly targetType?: string;
  /** `:iterate` (or the R3 `:recurse`): apply to included resources too. */
  readonly iterate: boolean;
}

/** One `_sort` key. See https://hl7.org/fhir/R4/search.html#sort */
export interface SortKey {
  readonly code: string;
  readonly descending: boolean;
}

export type SearchTotal = 'none' | 'estimate' | 'accurate';
export type SearchSummary = 'true' | 'text' | 'data' | 'count' | 'false';

/** Something the parser let through in lenient mode; the gateway reports it as a search.mode=outcome issue. */
export interface SearchWarning {
  readonly parameter: string;
  readonly message: string;
}

/** A parsed, validated search. See https://hl7.org/fhir/R4/search.html */
export interface SearchRequest {
  readonly resourceType: string;
  /** AND-ed filters, one per parameter occurrence. */
  readonly filters: readonly SearchFilter[];
  readonly include: readonly IncludeDirective[];
  readonly revinclude: readonly IncludeDirective[];
  /** Page size: default 50, at most 1000; 0 asks for the total only. */
  readonly count: number;
  readonly sort: readonly SortKey[];
  readonly total?: SearchTotal;
  readonly summary?: SearchSummary;
  readonly elements?: readonly string[];
  /** Parameters dropped in lenient mode, and why. */
  readonly warnings: readonly SearchWarning[];
  /** Accepted parameters as [name, value] (legacy names normalized, `_count` effective), for the self link. */
  readonly canonicalParams: ReadonlyArray<readonly [string, string]>;
}

/** Input of {@link parseSearchQuery}. */
export interface ParseSearchQueryOptions {
  readonly resourceType: string;
  /** Query parameters in order, already URL-decoded; a repeated name appears once per occurrence. */
  readonly params: ReadonlyArray<readonly [string, string]>;
  readonly lookup: SearchParameterLookup;
  /** This server's FHIR base URL (absolute references on it become local ones). */
  readonly baseUrl: string;
  /** `Prefer: handling=lenient`: drop unknown parameters with a warning instead of failing. */
  readonly lenient?: boolean;
  /** The compartment of a `[base]/[compartmentType]/[id]/[type]` search. */
  readonly compartment?: { readonly resourceType: string; readonly id: string };
}
