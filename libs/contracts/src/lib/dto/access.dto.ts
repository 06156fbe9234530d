import { Type } from 'class-transformer';
import { IsArray, IsOptional, Matches, ValidateNested } from 'class-validator';
import { RESOURCE_ID_PATTERN, RESOURCE_TYPE_PATTERN } from '../fhir-patterns.constants';
import { IsStringPairArray } from '../validators/string-pairs.validator';

/**
 * A granular grant (SMART v2 `patient/Observation.rs?category=http://…|laboratory`): of `resourceType`, only the
 * resources matching every search parameter in `params` (plain parameters: no chains, no `_has`).
 * See https://build.fhir.org/ig/HL7/smart-app-launch/scopes-and-launch-context.html
 */
export class AccessConstraintContext {
  @Matches(RESOURCE_TYPE_PATTERN, { message: 'resourceType must be a FHIR resource type name' })
  resourceType!: string;

  @IsStringPairArray()
  params!: [string, string][];
}

/**
 * What the caller of a read or search may see, filled by the gateway from the access token and applied by the
 * service inside its queries. Every field left out restricts nothing: `{}` is full access (a service app or a
 * provider). Required on every read and search message, so a forgotten context is a 400, never a leak.
 */
export class AccessContext {
  /** The resource types the token grants; other types are a 403 (and never included). */
  @IsOptional()
  @IsArray()
  @Matches(RESOURCE_TYPE_PATTERN, { each: true, message: 'each resource type must be a FHIR resource type name' })
  resourceTypes?: string[];

  /** A patient-context token's patients: data in the Patient compartment is limited to theirs. */
  @IsOptional()
  @IsArray()
  @Matches(RESOURCE_ID_PATTERN, { each: true, message: 'each patient must be a resource id' })
  patients?: string[];

  /** Granular grants; a type named here is visible only where one of its constraints matches. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AccessConstraintContext)
  constraints?: AccessConstraintContext[];
}

/** Full access (trusted callers: service apps, providers, the CLI). */
export const FULL_ACCESS: Readonly<AccessContext> = Object.freeze({});
