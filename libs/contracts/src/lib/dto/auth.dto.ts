import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MinLength,
} from 'class-validator';
import { RESOURCE_ID_PATTERN } from '../fhir-patterns.constants';
import { IsStringPairArray } from '../validators/string-pairs.validator';

/** Who may create a launch: a username or a client id (both are URL-safe tokens). */
const USERNAME_PATTERN_FOR_LAUNCH = /^[A-Za-z0-9._@~-]{1,128}$/;

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

  /** The caller's address, for per-IP throttling and the audit trail. */
  @IsOptional()
  @IsString()
  clientIp?: string;

  /** The public URL this request was sent to: the audience a client assertion must name (RFC 7523 §3). */
  @IsOptional()
  @IsString()
  endpointUrl?: string;
}

/** `auth.token.status`: the revocable identifiers of a verified access token. */
export class TokenStatusRequest {
  @IsOptional()
  @IsString()
  jti?: string;

  /** The grant the token was minted from (authorization code or refresh), if any. */
  @IsOptional()
  @IsString()
  grant?: string;
}

export class TokenStatusReply {
  @IsBoolean()
  active!: boolean;
}

export const AUTHORIZE_STEPS = ['authorize', 'login', 'patient', 'consent'] as const;
export type AuthorizeStep = (typeof AUTHORIZE_STEPS)[number];

/**
 * `auth.authorize.page`: one browser request in the authorize flow, passed through from the gateway so the auth
 * service alone validates it and renders the answer. See https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1
 */
export class AuthPageRequest {
  @IsIn(AUTHORIZE_STEPS)
  step!: AuthorizeStep;

  @IsIn(['GET', 'POST'])
  method!: 'GET' | 'POST';

  /** The query (GET) or the urlencoded form (POST), in order, repeated names kept (the consent page's scopes). */
  @IsStringPairArray()
  params!: [string, string][];

  /** The raw Cookie header. */
  @IsOptional()
  @IsString()
  cookie?: string;

  @IsOptional()
  @IsString()
  clientIp?: string;

  /** The FHIR base URLs this server answers at: the values `aud` may take. */
  @IsArray()
  @IsString({ each: true })
  fhirBaseUrls!: string[];

  /** Whether the browser reached us over HTTPS (the cookie is then `Secure`). */
  @IsBoolean()
  secure!: boolean;
}

/** An HTML page or a redirect. */
export class AuthPageReply {
  @IsInt()
  status!: number;

  @IsObject()
  headers!: Record<string, string>;

  @IsOptional()
  @IsString()
  html?: string;
}

/** `auth.launch.create`: the context an EHR or portal hands an app it launches. */
export class CreateLaunchRequest {
  /** The signed-in user or client creating the launch (from its access token). */
  @Matches(USERNAME_PATTERN_FOR_LAUNCH, { message: 'createdBy must be a username or client id' })
  createdBy!: string;

  @IsOptional()
  @Matches(RESOURCE_ID_PATTERN, { message: 'patient must be a FHIR id' })
  patient?: string;

  @IsOptional()
  @Matches(RESOURCE_ID_PATTERN, { message: 'encounter must be a FHIR id' })
  encounter?: string;
}

export class CreateLaunchReply {
  @IsString()
  launch!: string;

  @IsInt()
  expiresIn!: number;
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

export class RotateSigningKeyRequest {}

export class RotateSigningKeyReply {
  @IsString()
  kid!: string;

  @IsOptional()
  @IsString()
  previousKid?: string;
}

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

export const LAUNCH_TYPES = ['ehr', 'standalone'] as const;
export type LaunchType = (typeof LAUNCH_TYPES)[number];

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

  /** Exact redirect URIs for the authorization code flow. */
  @IsOptional()
  @IsArray()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { each: true })
  redirectUris?: string[];

  /** SMART launch types: `ehr`, `standalone`. */
  @IsOptional()
  @IsArray()
  @IsIn(LAUNCH_TYPES, { each: true })
  launchTypes?: LaunchType[];

  /** A JWK Set (JSON text) with the client's public keys, for `private_key_jwt`. */
  @IsOptional()
  @IsString()
  jwks?: string;

  /** …or where the client publishes it. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  jwksUri?: string;
}

export class CreateClientReply {
  @IsString()
  clientId!: string;
}
