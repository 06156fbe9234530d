import { IsArray, IsInt, IsString, Min } from 'class-validator';
import { ReadResourceRequest } from './resource.dto';

/**
 * `<service>.resource.vread`: one stored version of one resource (type, id and access context as for a read: a
 * resource the caller may not read has no readable versions either). See https://hl7.org/fhir/R4/http.html#vread
 */
export class ReadResourceVersionRequest extends ReadResourceRequest {
  /** The store numbers versions 1, 2, …: any other version id names no version. */
  @IsInt()
  @Min(1)
  versionId!: number;
}

/** `<service>.resource.history`: every stored version of one resource. See https://hl7.org/fhir/R4/http.html#history */
export class ReadResourceHistoryRequest extends ReadResourceRequest {}

/** Reply to `<service>.resource.history`: the versions as stored JSON texts, newest first. */
export class ResourceHistoryReply {
  @IsArray()
  @IsString({ each: true })
  versions!: string[];
}
