import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { RESOURCE_ID_PATTERN, RESOURCE_TYPE_PATTERN } from '../fhir-patterns.constants';
import { IsStringPairArray } from '../validators/string-pairs.validator';
import { AccessContext } from './access.dto';

/** `Type/id` of a local reference, as include specs carry them between gateway and services. */
const TYPE_ID_PATTERN = new RegExp(
  `${RESOURCE_TYPE_PATTERN.source.slice(0, -1)}/${RESOURCE_ID_PATTERN.source.slice(1)}`,
);

/** `sourceType` of a revinclude: a resource type, or `*` for `_revinclude=*`. */
const SOURCE_TYPE_PATTERN = new RegExp(`^(\\*|${RESOURCE_TYPE_PATTERN.source.slice(1, -1)})$`);

/**
 * `<service>.resource.read-many`: the current versions of several resources in one batch (cross-service
 * `_include`); unknown ones are left out. See https://hl7.org/fhir/R4/search.html#include
 */
export class ReadManyResourcesRequest {
  /** [resourceType, id] pairs, each of a type the service owns. */
  @IsStringPairArray()
  references!: [string, string][];

  /** What the caller may see. See {@link AccessContext}. */
  @IsDefined()
  @ValidateNested()
  @Type(() => AccessContext)
  access!: AccessContext;
}

/**
 * A `_revinclude` path to run against targets: the resources of `sourceType` (a type the service owns, or `*`) whose
 * reference parameter `code` (`*` = any) points at one of `targets`. See https://hl7.org/fhir/R4/search.html#revinclude
 */
export class RevincludePath {
  @Matches(SOURCE_TYPE_PATTERN, { message: 'sourceType must be a FHIR resource type name or *' })
  sourceType!: string;

  @IsString()
  code!: string;

  /** `Type/id` of each target. */
  @IsArray()
  @Matches(TYPE_ID_PATTERN, { each: true, message: 'each target must be Type/id' })
  targets!: string[];
}

/** `<service>.resource.revinclude`: one revinclude path, for what the caller may see. */
export class RevincludeResourcesRequest extends RevincludePath {
  /** What the caller may see. See {@link AccessContext}. */
  @IsDefined()
  @ValidateNested()
  @Type(() => AccessContext)
  access!: AccessContext;
}

/** Reply to read-many and revinclude: the resources as their stored JSON texts. */
export class IncludedResourcesReply {
  @IsArray()
  @IsString({ each: true })
  resources!: string[];
}

/**
 * One `_include` path of a search whose targets another service owns: the gateway reads them with one read-many
 * request per owning service. `path` is the directive as written (`Observation:subject[:Type]`, `*`).
 */
export class ForeignIncludeReferences {
  @IsString()
  path!: string;

  /** `Type/id` of each target the searched service does not own. */
  @IsArray()
  @Matches(TYPE_ID_PATTERN, { each: true, message: 'each reference must be Type/id' })
  references!: string[];
}

/** Declared here so the search reply can nest both include kinds with `@ValidateNested`. */
export class ForeignRevinclude extends RevincludePath {}

/** What a search reply could not include locally; see SearchResourcesReply.foreign. */
export class ForeignIncludes {
  @ValidateNested({ each: true })
  @Type(() => ForeignIncludeReferences)
  include!: ForeignIncludeReferences[];

  @ValidateNested({ each: true })
  @Type(() => ForeignRevinclude)
  revinclude!: ForeignRevinclude[];
}

/**
 * `<service>.resource.include`: continue `:iterate` includes from resources of this service that another service's
 * search included (`frontier`, `Type/id`), with the search's `_include:iterate` / `_revinclude:iterate` parameters
 * as the client wrote them. The gateway drives the rounds. See https://hl7.org/fhir/R4/search.html#revinclude
 */
export class IncludeFromRequest {
  /** The searched type (include directives are parsed in its context). */
  @Matches(RESOURCE_TYPE_PATTERN, { message: 'resourceType must be a FHIR resource type name' })
  resourceType!: string;

  /** Only `_include:iterate` / `_revinclude:iterate` (or `:recurse`) parameters. */
  @IsStringPairArray()
  params!: [string, string][];

  @IsArray()
  @Matches(TYPE_ID_PATTERN, { each: true, message: 'each frontier resource must be Type/id' })
  frontier!: string[];

  /** What the caller may see. See {@link AccessContext}. */
  @IsDefined()
  @ValidateNested()
  @Type(() => AccessContext)
  access!: AccessContext;
}

/** Reply to `<service>.resource.include`: what this service holds, and the work left for the others. */
export class IncludeFromReply {
  @IsArray()
  @IsString({ each: true })
  included!: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => ForeignIncludes)
  foreign?: ForeignIncludes;
}
