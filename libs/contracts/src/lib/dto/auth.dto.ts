import { ArrayUnique, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { RESOURCE_ID_PATTERN } from '../fhir-patterns.constants';

/**
 * `auth.token.issue`: the token endpoint's form body and Authorization header, passed through unchanged so that
 * the auth service alone decides grant validity and answers per RFC 6749 §5.1/§5.2.
 */
export class IssueTokenRequest {
  @IsObject()
  form!: Record<string, string>;

  @IsOptional()
  @IsString()
  authorization?: string;
}

/** An OAuth endpoint's HTTP answer (success or RFC 6749 error JSON): status, body, extra headers. */
export class OAuthHttpReply {
  @IsInt()
  status!: number;

  @IsObject()
  body!: Record<string, unknown>;

  @IsOptional()
  @IsObject()
  headers?: Record<string, string>;
}

export class GetJwksRequest {}

/** The public JSON Web Key Set that verifies access tokens. See https://www.rfc-editor.org/rfc/rfc7517 */
export class JwksReply {
  @IsArray()
  keys!: Record<string, unknown>[];
}

export const USER_ROLES = ['provider', 'staff', 'patient', 'authorized-representative'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{1,128}$/;
export const FHIR_USER_PATTERN = /^(Practitioner|Patient|RelatedPerson|Person)\/[A-Za-z0-9\-.]{1,64}$/;

export class CreateUserRequest {
  @Matches(USERNAME_PATTERN, { message: 'username must be 1-128 characters of letters, digits, ".", "_", "@", "-"' })
  username!: string;

  @IsString()
  @MinLength(4)
  password!: string;

  @IsIn(USER_ROLES)
  role!: UserRole;

  @IsOptional()
  @Matches(FHIR_USER_PATTERN, { message: 'fhirUser must be a reference like Practitioner/123' })
  fhirUser?: string;

  /** Patients this user may act for (a patient: their own record; a representative: the people they represent). */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @Matches(RESOURCE_ID_PATTERN, { each: true, message: 'each patient id must be a FHIR id' })
  patientIds?: string[];
}

export class CreateUserReply {
  @IsString()
  username!: string;

  @IsIn(USER_ROLES)
  role!: UserRole;
}

export const GRANT_TYPES = ['password', 'client_credentials', 'authorization_code', 'refresh_token'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export const CLIENT_ID_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;

export class CreateClientRequest {
  @Matches(CLIENT_ID_PATTERN, { message: 'clientId must be 1-128 unreserved URL characters' })
  clientId!: string;

  /** Absent for a public client. */
  @IsOptional()
  @IsString()
  @MinLength(8)
  clientSecret?: string;

  @IsOptional()
  @IsString()
  name?: string;

  /** The most this client may ever be granted, e.g. `user/*.read patient/*.read`. */
  @IsArray()
  @IsString({ each: true })
  scopes!: string[];

  @IsArray()
  @IsIn(GRANT_TYPES, { each: true })
  grantTypes!: GrantType[];
}

export class CreateClientReply {
  @IsString()
  clientId!: string;
}
