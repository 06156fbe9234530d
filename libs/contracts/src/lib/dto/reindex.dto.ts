import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min, ValidateNested } from 'class-validator';
import { RESOURCE_ID_PATTERN, RESOURCE_TYPE_PATTERN } from '../fhir-patterns.constants';

/** Where a re-index continues: after resource `afterId` of `resourceType` (an empty id = from its first). */
export class ReindexPositionDto {
  @Matches(RESOURCE_TYPE_PATTERN, { message: 'resourceType must be a FHIR resource type name' })
  resourceType!: string;

  @Matches(new RegExp(`^$|${RESOURCE_ID_PATTERN.source}`), { message: 'afterId must be empty or a resource id' })
  afterId!: string;
}

/**
 * `<service>.resource.reindex`: rebuild search index rows from stored content (after the search parameter
 * definitions changed), for as many chunks as fit a short time budget, from `from` on; the reply says where to
 * continue, so a long re-index is many short requests rather than one that outlives the request timeout.
 */
export class ReindexResourcesRequest {
  /** Only this type (all of the service's types when absent). */
  @IsOptional()
  @Matches(RESOURCE_TYPE_PATTERN, { message: 'resourceType must be a FHIR resource type name' })
  resourceType?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ReindexPositionDto)
  from?: ReindexPositionDto;
}

/** Reply to `<service>.resource.reindex`. */
export class ReindexResourcesReply {
  @IsInt()
  @Min(0)
  reindexed!: number;

  /** Where the next request starts; absent when the re-index is complete. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ReindexPositionDto)
  next?: ReindexPositionDto;
}
