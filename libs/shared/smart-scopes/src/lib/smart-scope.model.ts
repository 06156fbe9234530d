/** Who a resource scope acts for: the launch patient, the signed-in user, or a backend service. */
export type ScopeContext = 'patient' | 'user' | 'system';

/** SMART v2 permission letters: create, read, update, delete, search. */
export type ScopePermission = 'c' | 'r' | 'u' | 'd' | 's';

/** The permission letters in the only order SMART v2 allows them. */
export const SCOPE_PERMISSIONS: readonly ScopePermission[] = ['c', 'r', 'u', 'd', 's'];

/**
 * A resource scope (`patient/Observation.rs`, `user/*.read`), whichever syntax it was written in.
 * See https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-fhir-resources
 */
export interface ResourceScope {
  readonly kind: 'resource';
  readonly context: ScopeContext;
  /** A resource type name, or `*` for every type. */
  readonly resourceType: string;
  readonly permissions: ReadonlySet<ScopePermission>;
  readonly syntax: 'v1' | 'v2';
  /** A granular scope's search parameters (url-decoded), all of which a resource must match. */
  readonly query?: readonly (readonly [string, string])[];
}

/** Identity and launch-context scopes, each its own kind. */
export const NON_RESOURCE_SCOPES = [
  'openid',
  'fhirUser',
  'profile',
  'launch',
  'launch/patient',
  'launch/encounter',
  'offline_access',
  'online_access',
] as const;

export type NonResourceScopeKind = (typeof NON_RESOURCE_SCOPES)[number];

export interface NonResourceScope {
  readonly kind: NonResourceScopeKind;
}

/** A parsed SMART App Launch scope (v1 or v2 syntax). */
export type SmartScope = ResourceScope | NonResourceScope;

/** The two interactions a read-only server answers; history and vread count as `read`. */
export type ScopeInteraction = 'read' | 'search';

export function isResourceScope(scope: SmartScope): scope is ResourceScope {
  return scope.kind === 'resource';
}
