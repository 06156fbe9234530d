import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { RESOURCE_ID_PATTERN, RESOURCE_TYPE_PATTERN } from '../fhir-patterns.constants';
import { AccessContext } from './access.dto';

/** `<service>.resource.read`: one resource by type and id. */
export class ReadResourceRequest {
  @Matches(RESOURCE_TYPE_PATTERN, { message: 'resourceType must be a FHIR resource type name' })
  resourceType!: string;

  @Matches(RESOURCE_ID_PATTERN, { message: 'id must be 1-64 characters of A-Z, a-z, 0-9, "-" and "."' })
  id!: string;

  /** What the caller may see. See {@link AccessContext}. */
  @IsDefined()
  @ValidateNested()
  @Type(() => AccessContext)
  access!: AccessContext;
}

/**
 * Reply to `<service>.resource.read`: the stored resource as JSON text (with meta.versionId and
 * meta.lastUpdated), so that neither side parses and re-serializes it on the hot path.
 */
export class ReadResourceReply {
  @IsString()
  resource!: string;
}

/** A resource to store: must carry its resourceType and id (the importer assigns ids before sending). */
export class ResourceToImport {
  @Matches(RESOURCE_TYPE_PATTERN, { message: 'resourceType must be a FHIR resource type name' })
  resourceType!: string;

  @Matches(RESOURCE_ID_PATTERN, { message: 'id must be 1-64 characters of A-Z, a-z, 0-9, "-" and "."' })
  id!: string;

  [element: string]: unknown;
}

/** `<service>.resource.import`: store these resources in ONE database transaction (all or nothing). */
export class ImportResourcesRequest {
  @IsString()
  source!: string;

  @ValidateNested({ each: true })
  @Type(() => ResourceToImport)
  resources!: ResourceToImport[];
}

/** What one import did: a resource whose content did not change keeps its version and counts as unchanged. */
export class ImportResourcesReply {
  @IsInt()
  @Min(0)
  created!: number;

  @IsInt()
  @Min(0)
  updated!: number;

  @IsInt()
  @Min(0)
  unchanged!: number;

  @IsObject()
  byType!: Record<string, number>;
}

/** `<service>.resource.count`: how many current resources the service stores (e.g. "is this store empty?"). */
export class CountResourcesRequest {}

export class CountResourcesReply {
  @IsInt()
  @Min(0)
  total!: number;
}

export const HEALTH_STATES = ['up', 'down'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

/** `<service>.health.check`: the service is alive (it answered) and says whether its database answers. */
export class HealthCheckRequest {}

export class HealthReply {
  @IsString()
  service!: string;

  @IsIn(HEALTH_STATES)
  database!: HealthState;

  @IsOptional()
  @IsString()
  detail?: string;
}
