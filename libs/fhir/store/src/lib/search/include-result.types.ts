/** One `_include` path whose targets another service holds. */
export interface ForeignIncludePath {
  /** The directive as written: `Observation:subject[:Type]` or `*`. */
  readonly path: string;
  /** `Type/id` of each target of a type this store does not hold. */
  readonly references: string[];
}

/** One `_revinclude` whose source type another service holds (`*` = every other service). */
export interface ForeignRevincludePath {
  readonly sourceType: string;
  readonly code: string;
  /** `Type/id` of the matched and included resources it applies to. */
  readonly targets: string[];
}

/** What `_include` / `_revinclude` added to a page. See https://hl7.org/fhir/R4/search.html#include */
export interface IncludeResult {
  /** Stored JSON texts of included resources, none of them a match, each once. */
  readonly included: string[];
  readonly foreignIncludes: ForeignIncludePath[];
  readonly foreignRevincludes: ForeignRevincludePath[];
}

/** Which resource types this store holds (the others' includes go back to the caller). Default: every type. */
export type LocalTypePredicate = (resourceType: string) => boolean;
