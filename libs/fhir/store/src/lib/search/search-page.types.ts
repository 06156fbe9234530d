/** One page of search results. See https://hl7.org/fhir/R4/search.html#paging */
export interface SearchPage {
  /** The stored JSON text of each match, in sort order. */
  readonly resources: string[];
  /** How many resources match in all (`_total=accurate|estimate`, or `_count=0`). */
  readonly total?: number;
  /** Opaque: pass it back as `page.cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}

/** Where a search page starts: after the `cursor` of the previous page, or at the beginning. */
export interface SearchPageRequest {
  readonly cursor?: string;
}
