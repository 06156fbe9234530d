import type { ForeignIncludePath, ForeignRevincludePath, LocalTypePredicate } from './include-result.types';

/** One page of search results. See https://hl7.org/fhir/R4/search.html#paging */
export interface SearchPage {
  /** The stored JSON text of each match, in sort order. */
  readonly resources: string[];
  /** How many resources match in all (`_total=accurate|estimate`, or `_count=0`). */
  readonly total?: number;
  /** Opaque: pass it back as `page.cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
  /** Opaque: pass it back as `page.cursor` for the page before this one; absent on the first page. */
  readonly previousCursor?: string;
  /** `_include` / `_revinclude` results held by this store (none a match), when the search asked for any. */
  readonly included?: string[];
  /** `_include` paths whose targets other stores hold. */
  readonly foreignIncludes?: ForeignIncludePath[];
  /** `_revinclude` directives whose source type other stores hold. */
  readonly foreignRevincludes?: ForeignRevincludePath[];
}

/** How a store answers a search beyond the query itself. */
export interface SearchOptions {
  /** Which resource types this store holds; the includes of other types are returned as foreign. Default: all. */
  readonly isLocalType?: LocalTypePredicate;
}

/** Where a search page starts: after the `cursor` of the previous page, or at the beginning. */
export interface SearchPageRequest {
  readonly cursor?: string;
}
