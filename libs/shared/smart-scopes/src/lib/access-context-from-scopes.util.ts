import type { AccessConstraintContext, AccessContext } from '@connector/contracts';
import { grantsSameData } from './scope-covers.util';
import { isResourceScope, type ResourceScope, type ScopeInteraction, type SmartScope } from './smart-scope.model';

export interface ScopeAccessInput {
  /** The token's scopes (its `scope` claim, parsed). */
  readonly scopes: readonly SmartScope[];
  readonly interaction: ScopeInteraction;
  /**
   * A patient user's or authorized representative's patients: everything such a token sees is bounded to their
   * compartments, whatever its scopes say.
   */
  readonly patientUser?: readonly string[];
  /** The launch patient (`patient` claim) of any other token: it bounds that token's `patient/` scopes. */
  readonly launchPatient?: string;
}

const LETTER: Readonly<Record<ScopeInteraction, 'r' | 's'>> = { read: 'r', search: 's' };

/**
 * The access context a token's scopes give one interaction: the types it may see, the granular constraints per
 * type, and the patients whose compartments bound it. A read counts only scopes with `r`, a search only those with
 * `s`; c/u/d are never honoured (the server is read-only). See
 * https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */
export function accessContextFromScopes(input: ScopeAccessInput): AccessContext {
  const letter = LETTER[input.interaction];
  const counted = input.scopes.filter(isResourceScope).filter((scope) => scope.permissions.has(letter));
  const patients = patientBound(counted, input);
  if (counted.length === 0) {
    return { resourceTypes: [], ...(patients === undefined ? {} : { patients: [...patients] }) };
  }
  const resourceTypes = counted.some((scope) => scope.resourceType === '*')
    ? undefined
    : [...new Set(counted.map((scope) => scope.resourceType))].sort();
  const constraints = constraintsOf(counted);
  return {
    ...(resourceTypes === undefined ? {} : { resourceTypes }),
    ...(patients === undefined ? {} : { patients: [...patients] }),
    ...(constraints.length === 0 ? {} : { constraints }),
  };
}

/** Per type, its granular queries (OR-ed), unless some counted scope grants the type without a query. */
function constraintsOf(counted: readonly ResourceScope[]): AccessConstraintContext[] {
  const unconstrained = (type: string) =>
    counted.some((scope) => scope.query === undefined && (scope.resourceType === '*' || scope.resourceType === type));
  const seen = new Set<string>();
  const constraints: AccessConstraintContext[] = [];
  for (const scope of counted) {
    if (scope.query === undefined || unconstrained(scope.resourceType)) {
      continue;
    }
    const params = scope.query.map(([name, value]): [string, string] => [name, value]);
    const key = JSON.stringify([scope.resourceType, params]);
    if (!seen.has(key)) {
      seen.add(key);
      constraints.push({ resourceType: scope.resourceType, params });
    }
  }
  return constraints;
}

/**
 * The patients bounding the token, or undefined for no bound. A patient user is always bounded. Otherwise only
 * `patient/` scopes are bounded (to the launch patient; none means nothing in any compartment), but the access
 * context has one patient list for all its types: when `user/` or `system/` scopes count as well, the bound is
 * dropped only if those scopes alone already grant everything the `patient/` scopes grant, with no more constraints
 * (then the bound would change nothing the patient scopes add). Otherwise the bound applies to everything, which
 * hides some data the `user/` scopes allow — the safe side of the trade-off: never show a patient scope's types
 * beyond the launch patient.
 */
function patientBound(counted: readonly ResourceScope[], input: ScopeAccessInput): readonly string[] | undefined {
  if (input.patientUser !== undefined) {
    return input.patientUser;
  }
  const patientScopes = counted.filter((scope) => scope.context === 'patient');
  const otherScopes = counted.filter((scope) => scope.context !== 'patient');
  const coveredByOthers = patientScopes.every((patientScope) =>
    otherScopes.some((other) => grantsSameData(other, patientScope)),
  );
  if (coveredByOthers) {
    return undefined;
  }
  return input.launchPatient === undefined ? [] : [input.launchPatient];
}
