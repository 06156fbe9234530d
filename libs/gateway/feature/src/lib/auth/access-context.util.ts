import type { AccessContext } from '@connector/contracts';
import {
  accessContextFromScopes,
  parseSmartScopes,
  type ScopeInteraction,
  type SmartScope,
} from '@connector/smart-scopes';
import type { AccessTokenClaims } from './access-token-claims';
import { insufficientScope } from './insufficient-scope.util';

const PATIENT_ROLES: ReadonlySet<unknown> = new Set(['patient', 'authorized-representative']);

/**
 * The patients a patient user's or authorized representative's token is always bounded to, if it is one. A token
 * carrying a `patients` list counts too, whatever its role: that list names the patients a user acts for.
 */
export function patientUserContextOf(claims: AccessTokenClaims | undefined): readonly string[] | undefined {
  const patients = claims?.['patients'];
  if (Array.isArray(patients)) {
    return patients.filter((id): id is string => typeof id === 'string');
  }
  if (!PATIENT_ROLES.has(claims?.['role'])) {
    return undefined;
  }
  const patient = claims?.['patient'];
  // A patient or representative token without any linked patient sees nothing rather than everything.
  return typeof patient === 'string' ? [patient] : [];
}

/**
 * The access context a read (also vread and history) or a search of `resourceType` carries to the owning service,
 * which applies it inside its queries: the types, granular constraints and patient compartments the token's SMART
 * scopes allow for that interaction. A type the token does not grant is a 403 here, before any service is asked.
 * See https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */
export function accessContextOf(
  claims: AccessTokenClaims | undefined,
  resourceType: string,
  interaction: ScopeInteraction,
): AccessContext {
  const { scopes, patientUser, access } = tokenAccessOf(claims, interaction);
  if (access.resourceTypes !== undefined && !access.resourceTypes.includes(resourceType)) {
    throw insufficientScope(scopes, resourceType, interaction, patientUser !== undefined);
  }
  return access;
}

interface TokenAccess {
  readonly scopes: SmartScope[];
  readonly patientUser: readonly string[] | undefined;
  readonly access: AccessContext;
}

/**
 * Verified claims objects are reused from the gateway's token cache for every request with the same token, so what
 * they allow is worked out once per token and interaction (parsing the scopes costs ~10 µs, per request otherwise).
 */
const tokenAccessCache = new WeakMap<AccessTokenClaims, Map<ScopeInteraction, TokenAccess>>();

function tokenAccessOf(claims: AccessTokenClaims | undefined, interaction: ScopeInteraction): TokenAccess {
  const cached = claims === undefined ? undefined : tokenAccessCache.get(claims)?.get(interaction);
  if (cached !== undefined) {
    return cached;
  }
  const scopes = parseSmartScopes(claims?.scope);
  const patientUser = patientUserContextOf(claims);
  const launchPatient = claims?.['patient'];
  const access = accessContextFromScopes({
    scopes,
    interaction,
    ...(patientUser === undefined ? {} : { patientUser }),
    ...(typeof launchPatient === 'string' ? { launchPatient } : {}),
  });
  // Shared by every request with this token: frozen, so no caller can change what the next request is allowed.
  const computed = { scopes, patientUser, access: deepFreeze(access) };
  if (claims !== undefined) {
    const perInteraction = tokenAccessCache.get(claims) ?? new Map<ScopeInteraction, TokenAccess>();
    perInteraction.set(interaction, computed);
    tokenAccessCache.set(claims, perInteraction);
  }
  return computed;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) {
      deepFreeze(member);
    }
  }
  return value;
}
