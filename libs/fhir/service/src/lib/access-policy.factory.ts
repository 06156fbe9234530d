import type { AccessContext } from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { type ParameterFilter, parseSearchQuery } from '@connector/fhir-search';
import { searchParameter } from '@connector/fhir-search-parameters';
import { type AccessConstraint, AccessPolicy } from '@connector/fhir-store';

/**
 * The store's policy for a message's access context. Granular constraints are parsed with the search parser
 * (strict): a constraint must be plain parameters of its type — a chain or `_has` would need the policy to apply
 * itself recursively, and no SMART scope needs one.
 */
export function accessPolicyOf(context: AccessContext): AccessPolicy {
  if (context.resourceTypes === undefined && context.patients === undefined && context.constraints === undefined) {
    return AccessPolicy.UNRESTRICTED;
  }
  return new AccessPolicy({
    ...(context.resourceTypes === undefined ? {} : { resourceTypes: context.resourceTypes }),
    ...(context.patients === undefined ? {} : { patients: context.patients }),
    ...(context.constraints === undefined
      ? {}
      : {
          constraints: context.constraints.map((constraint) =>
            parseConstraint(constraint.resourceType, constraint.params),
          ),
        }),
  });
}

function parseConstraint(resourceType: string, params: [string, string][]): AccessConstraint {
  const query = parseSearchQuery({ resourceType, params, lookup: searchParameter, baseUrl: '' });
  const filters = query.filters.filter((filter): filter is ParameterFilter => filter.kind === 'parameter');
  if (filters.length !== params.length) {
    throw FhirError.badRequest(
      `An access constraint on ${resourceType} may use plain search parameters only (no chains, _has or result parameters)`,
    );
  }
  return { resourceType, filters };
}
