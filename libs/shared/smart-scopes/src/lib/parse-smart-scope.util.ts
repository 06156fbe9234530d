import { isR4ResourceType } from '@connector/fhir-types';
import {
  NON_RESOURCE_SCOPES,
  type NonResourceScopeKind,
  type ResourceScope,
  SCOPE_PERMISSIONS,
  type ScopeContext,
  type ScopePermission,
  type SmartScope,
} from './smart-scope.model';

const NON_RESOURCE: ReadonlySet<string> = new Set(NON_RESOURCE_SCOPES);
const RESOURCE_SCOPE = /^(patient|user|system)\/(\*|[A-Za-z]+)\.([^?]+)(?:\?(.*))?$/s;
const V1_PERMISSIONS: Readonly<Record<string, readonly ScopePermission[]>> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': SCOPE_PERMISSIONS,
};
const V2_PERMISSIONS = /^c?r?u?d?s?$/;
// A granular scope's parameter must be a plain search parameter (with an optional modifier): the store applies it
// to every statement and cannot nest a chain, `_has` or a result parameter (`_count`, `_include`…) inside it.
const PLAIN_PARAMETER = /^[A-Za-z][A-Za-z0-9-]*(?::[A-Za-z][A-Za-z0-9-]*)?$/;
const RESOURCE_PARAMETER = /^_(?:id|lastUpdated|tag|profile|security|source)(?::[A-Za-z][A-Za-z0-9-]*)?$/;

/**
 * One SMART App Launch scope, v1 (`patient/*.read`, `user/Observation.write`, `patient/Observation.*`) or v2
 * (`patient/Observation.rs`, granular `patient/Observation.rs?category=…|laboratory`), or an identity or launch
 * scope; undefined for anything malformed (unknown type, bad permissions, a v1 scope with a query…).
 * See https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */
export function parseSmartScope(text: string): SmartScope | undefined {
  if (NON_RESOURCE.has(text)) {
    return { kind: text as NonResourceScopeKind };
  }
  const match = RESOURCE_SCOPE.exec(text);
  if (!match) {
    return undefined;
  }
  const [, context, resourceType, permissionText, queryText] = match;
  if (resourceType !== '*' && !isR4ResourceType(resourceType)) {
    return undefined;
  }
  const base = { kind: 'resource', context: context as ScopeContext, resourceType } as const;
  const v1 = V1_PERMISSIONS[permissionText];
  if (v1 !== undefined) {
    return queryText === undefined ? { ...base, permissions: new Set(v1), syntax: 'v1' } : undefined;
  }
  if (permissionText.length === 0 || !V2_PERMISSIONS.test(permissionText)) {
    return undefined;
  }
  const permissions = new Set([...permissionText] as ScopePermission[]);
  if (queryText === undefined) {
    return { ...base, permissions, syntax: 'v2' };
  }
  // A query narrows one type's search parameters; on `*` it would name parameters of no type in particular.
  const query = resourceType === '*' ? undefined : parseScopeQuery(queryText);
  return query === undefined ? undefined : { ...base, permissions, syntax: 'v2', query };
}

/** The scopes of a space-separated scope string (a token's `scope` claim) that parse; malformed ones are dropped. */
export function parseSmartScopes(text: string | undefined): SmartScope[] {
  return (text ?? '')
    .split(' ')
    .map((part) => parseSmartScope(part))
    .filter((scope): scope is SmartScope => scope !== undefined);
}

function parseScopeQuery(text: string): ResourceScope['query'] {
  const params: (readonly [string, string])[] = [];
  for (const part of text.split('&')) {
    const separator = part.indexOf('=');
    const name = separator < 0 ? undefined : decode(part.slice(0, separator));
    const value = separator < 0 ? undefined : decode(part.slice(separator + 1));
    if (name === undefined || value === undefined || value === '' || !isPlainParameter(name)) {
      return undefined;
    }
    params.push([name, value]);
  }
  return params;
}

function isPlainParameter(name: string): boolean {
  return PLAIN_PARAMETER.test(name) || RESOURCE_PARAMETER.test(name);
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
