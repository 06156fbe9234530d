import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsInt, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { RESOURCE_ID_PATTERN, RESOURCE_TYPE_PATTERN } from '../fhir-patterns.constants';
import { AccessContext } from './access.dto';

/** `<service>.resource.vread`: one stored version of one resource. See https://hl7.org/fhir/R4/http.html#vread */
export class ReadResourceVersionRequest {
  @Matches(RESOURCE_TYPE_PATTERN, { message: 'resourceType must be a FHIR resource type name' })
  resourceType!: string;

  @Matches(RESOURCE_ID_PATTERN, { message: 'id must be 1-64 characters of A-Z, a-z, 0-9, "-" and "."' })
  id!: string;

  /** The store numbers versions 1, 2, …: any other version id names no version. */
  @IsInt()
  @Min(1)
  versionId!: number;

  /** What the caller may see: a resource it may not read has no readable versions either. */
  @IsDefined()
  @ValidateNested()
  @Type(() => AccessContext)
  access!: AccessContext;
}

/** `<service>.resource.history`: every stored version of one resource. See https://hl7.org/fhir/R4/http.html#history */
export class ReadResourceHistoryRequest {
  @Matches(RESOURCE_TYPE_PATTERN, { message: 'resourceType must be a FHIR resource type name' })
  resourceType!: string;

  @Matches(RESOURCE_ID_PATTERN, { message: 'id must be 1-64 characters of A-Z, a-z, 0-9, "-" and "."' })
  id!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => AccessContext)
  access!: AccessContext;
}

/** Reply to `<service>.resource.history`: the versions as stored JSON texts, newest first. */
export class ResourceHistoryReply {
  @IsArray()
  @IsString({ each: true })
  versions!: string[];
}
