import type { ResourceServiceName } from './services.constants';

/*
 * Every NATS subject, defined once. Subjects read `<service>.<noun>.<verb>` so `chart.>` matches a whole service.
 * Both the sending side (gateway, CLI) and the handling side (@MessagePattern) import these constants.
 */

export const ChartSubjects = {
  readResource: 'chart.resource.read',
  readResourceVersion: 'chart.resource.vread',
  readResourceHistory: 'chart.resource.history',
  importResources: 'chart.resource.import',
  countResources: 'chart.resource.count',
  searchResources: 'chart.resource.search',
  readManyResources: 'chart.resource.read-many',
  revincludeResources: 'chart.resource.revinclude',
  includeFromResources: 'chart.resource.include',
  reindexResources: 'chart.resource.reindex',
  health: 'chart.health.check',
} as const;

export const PracticeSubjects = {
  readResource: 'practice.resource.read',
  readResourceVersion: 'practice.resource.vread',
  readResourceHistory: 'practice.resource.history',
  importResources: 'practice.resource.import',
  countResources: 'practice.resource.count',
  searchResources: 'practice.resource.search',
  readManyResources: 'practice.resource.read-many',
  revincludeResources: 'practice.resource.revinclude',
  includeFromResources: 'practice.resource.include',
  reindexResources: 'practice.resource.reindex',
  health: 'practice.health.check',
} as const;

export const TerminologySubjects = {
  readResource: 'terminology.resource.read',
  readResourceVersion: 'terminology.resource.vread',
  readResourceHistory: 'terminology.resource.history',
  importResources: 'terminology.resource.import',
  countResources: 'terminology.resource.count',
  searchResources: 'terminology.resource.search',
  readManyResources: 'terminology.resource.read-many',
  revincludeResources: 'terminology.resource.revinclude',
  includeFromResources: 'terminology.resource.include',
  reindexResources: 'terminology.resource.reindex',
  health: 'terminology.health.check',
} as const;

export const AuthSubjects = {
  issueToken: 'auth.token.issue',
  /** RFC 7662 token introspection (form + Authorization header in, OAuth reply out). */
  introspectToken: 'auth.token.introspect',
  /** RFC 7009 token revocation (form + Authorization header in, OAuth reply out). */
  revokeToken: 'auth.token.revoke',
  /** Whether a verified access token still stands (its grant and id not revoked); asked at most once a minute. */
  tokenStatus: 'auth.token.status',
  /** One step of the browser-facing authorize flow (authorize, login, patient picker, consent). */
  authorizePage: 'auth.authorize.page',
  /** An EHR or portal creates a launch context for an app it launches. */
  createLaunch: 'auth.launch.create',
  getJwks: 'auth.jwks.get',
  /** Starts signing with a new key; the old one stays in the JWKS for the tokens it signed. */
  rotateSigningKey: 'auth.key.rotate',
  createUser: 'auth.user.create',
  createClient: 'auth.client.create',
  health: 'auth.health.check',
} as const;

/** The subjects every resource-holding service answers, looked up by service name. */
export interface ResourceServiceSubjects {
  readonly readResource: string;
  /** One stored version of one resource (vread). */
  readonly readResourceVersion: string;
  /** Every stored version of one resource, newest first (instance history). */
  readonly readResourceHistory: string;
  readonly importResources: string;
  readonly countResources: string;
  readonly searchResources: string;
  /** Batched read for cross-service `_include`. */
  readonly readManyResources: string;
  /** Resources of a type this service owns that reference given targets, for cross-service `_revinclude`. */
  readonly revincludeResources: string;
  /** `:iterate` includes continued from this service's resources that another service's search included. */
  readonly includeFromResources: string;
  /** Rebuilds search index rows from stored content, a time-boxed batch of chunks per request. */
  readonly reindexResources: string;
  readonly health: string;
}

export const RESOURCE_SERVICE_SUBJECTS: Record<ResourceServiceName, ResourceServiceSubjects> = {
  chart: ChartSubjects,
  practice: PracticeSubjects,
  terminology: TerminologySubjects,
};
