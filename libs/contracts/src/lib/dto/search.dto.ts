import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { RESOURCE_ID_PATTERN, RESOURCE_TYPE_PATTERN } from '../fhir-patterns.constants';
import { AccessContext } from './access.dto';
import { IsStringPairArray } from '../validators/string-pairs.validator';
import { ForeignIncludes } from './include.dto';

/** The compartment of a compartment search. See https://hl7.org/fhir/R4/http.html#vsearch */
export class SearchCompartment {
  @Matches(RESOURCE_TYPE_PATTERN, { message: 'compartment resourceType must be a FHIR resource type name' })
  resourceType!: string;

  @Matches(RESOURCE_ID_PATTERN, { message: 'compartment id must be 1-64 characters of A-Z, a-z, 0-9, "-" and "."' })
  id!: string;
}

/**
 * `<service>.resource.search`: a type-level search, as the query string the client sent (decoded, in order,
 * repeated names kept; `_format`, `_pretty` and `_cursor` already taken out by the gateway). The service parses
 * it: one parser, next to the indexes it targets. See https://hl7.org/fhir/R4/search.html
 */
export class SearchResourcesRequest {
  @Matches(RESOURCE_TYPE_PATTERN, { message: 'resourceType must be a FHIR resource type name' })
  resourceType!: string;

  @IsStringPairArray()
  params!: [string, string][];

  /** `Prefer: handling=lenient`: unknown parameters become warnings instead of a 400. */
  @IsBoolean()
  lenient!: boolean;

  /** The opaque `nextCursor` / `previousCursor` of the page the client came from, when following a paging link. */
  @IsOptional()
  @IsString()
  cursor?: string;

  /** The server's canonical FHIR base URL: absolute references on it are local references. */
  @IsString()
  baseUrl!: string;

  /** `[base]/Patient/[id]/[resourceType]`: the compartment the search is limited to. */
  @IsOptional()
  @ValidateNested()
  @Type(() => SearchCompartment)
  compartment?: SearchCompartment;

  /** What the caller may see. See {@link AccessContext}. */
  @IsDefined()
  @ValidateNested()
  @Type(() => AccessContext)
  access!: AccessContext;
}

/**
 * Reply to `<service>.resource.search`: one page of matches as their stored JSON texts (the gateway wraps them in a
 * Bundle without parsing them), and what the gateway needs for the Bundle's links and outcome entry.
 */
export class SearchResourcesReply {
  @IsArray()
  @IsString({ each: true })
  resources!: string[];

  @IsOptional()
  @IsInt()
  @Min(0)
  total?: number;

  /** Present when there is a next page: the gateway puts it in the `next` link as `_cursor`. */
  @IsOptional()
  @IsString()
  nextCursor?: string;

  /** Present when there is a page before this one: the gateway puts it in the `previous` link as `_cursor`. */
  @IsOptional()
  @IsString()
  previousCursor?: string;

  /** Lenient mode: why each ignored parameter was ignored. */
  @IsArray()
  @IsString({ each: true })
  warnings!: string[];

  /** The accepted parameters as [name, value], normalized (legacy names, effective `_count`), for the links. */
  @IsStringPairArray()
  canonicalParams!: [string, string][];

  /** `_include` / `_revinclude` results this service holds (never a match too), as stored JSON texts. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  included?: string[];

  /** Include work for other services' types: the gateway resolves it. See https://hl7.org/fhir/R4/search.html#include */
  @IsOptional()
  @ValidateNested()
  @Type(() => ForeignIncludes)
  foreign?: ForeignIncludes;
}
