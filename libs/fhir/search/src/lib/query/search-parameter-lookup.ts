import type { SearchParameterDefinition } from '@connector/fhir-search-parameters';

/**
 * Finds the search parameter `code` of `resourceType` (injected so the parser does not depend on one table).
 * See https://hl7.org/fhir/R4/searchparameter-registry.html
 */
export type SearchParameterLookup = (resourceType: string, code: string) => SearchParameterDefinition | undefined;

/**
 * Resolves `code` on `resourceType`, falling back to the definitions on `Resource` and `DomainResource`
 * (`_id`, `_lastUpdated`, `_tag`, `_profile`, `_security`, `_text`…), whichever way the lookup files them.
 */
export function findSearchParameter(
  lookup: SearchParameterLookup,
  resourceType: string,
  code: string,
): SearchParameterDefinition | undefined {
  return lookup(resourceType, code) ?? lookup('Resource', code) ?? lookup('DomainResource', code);
}
