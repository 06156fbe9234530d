import { type ResourceScope, type SmartScope } from './smart-scope.model';

/**
 * Whether an allowed (client-registered) scope covers a requested one: the same kind; for resource scopes the same
 * context, a type it names or `*`, at least the requested permissions, and either no query (it covers any
 * narrowing) or the identical query. v1 and v2 compare by meaning: `patient/*.read` covers `patient/Observation.rs`.
 * See https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-fhir-resources
 */
export function scopeCovers(allowed: SmartScope, requested: SmartScope): boolean {
  if (allowed.kind !== 'resource' || requested.kind !== 'resource') {
    return allowed.kind === requested.kind;
  }
  return (
    allowed.context === requested.context &&
    grantsSameData(allowed, requested) &&
    [...requested.permissions].every((permission) => allowed.permissions.has(permission))
  );
}

/**
 * Whether every resource `requested` lets through (by type and query, permissions aside) `allowed` lets through
 * too, with no more constraints.
 */
export function grantsSameData(allowed: ResourceScope, requested: ResourceScope): boolean {
  if (allowed.resourceType !== '*' && allowed.resourceType !== requested.resourceType) {
    return false;
  }
  return allowed.query === undefined || sameQuery(allowed.query, requested.query);
}

function sameQuery(a: ResourceScope['query'], b: ResourceScope['query']): boolean {
  // The parameters are AND-ed, so their order does not change what the query matches.
  const key = (query: NonNullable<ResourceScope['query']>) =>
    query
      .map((param) => JSON.stringify(param))
      .sort()
      .join('\n');
  return a !== undefined && b !== undefined && key(a) === key(b);
}
