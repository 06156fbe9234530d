import { R4_RESOURCE_TYPES } from '@connector/fhir-types';
import type { GeneratedSearchParameter } from './generated-search-parameter';
import type { SearchParameterDefinition } from './search-parameter-definition';
import { COMMON_SEARCH_PARAMETERS, SEARCH_PARAMETERS_BY_TYPE } from './search-parameters.generated';

const NONE: readonly SearchParameterDefinition[] = Object.freeze([]);

/** Attaches a table row to a type; common rows say `Resource.x`, which only fhirpath's type check makes apply. */
function definitionFor(resourceType: string, row: GeneratedSearchParameter): SearchParameterDefinition {
  const expression = row.expression?.replace(/^(Resource|DomainResource)\./, `${resourceType}.`);
  return Object.freeze({ ...row, resourceType, expression, source: row.source ?? 'r4' });
}

// Built once at module load: ~150 types × ~20 parameters, cheap, and every lookup after that is a Map hit.
const LIST_BY_TYPE = new Map<string, readonly SearchParameterDefinition[]>();
const BY_TYPE_AND_CODE = new Map<string, ReadonlyMap<string, SearchParameterDefinition>>();
for (const resourceType of R4_RESOURCE_TYPES) {
  const rows = [...COMMON_SEARCH_PARAMETERS, ...(SEARCH_PARAMETERS_BY_TYPE[resourceType] ?? [])];
  const definitions = Object.freeze(rows.map((row) => definitionFor(resourceType, row)));
  LIST_BY_TYPE.set(resourceType, definitions);
  BY_TYPE_AND_CODE.set(resourceType, new Map(definitions.map((d) => [d.code, d])));
}

/**
 * Every search parameter of an R4 resource type (R4 base + US Core 6.1.0), empty for an unknown type.
 * See https://hl7.org/fhir/R4/searchparameter-registry.html
 */
export function searchParametersFor(resourceType: string): readonly SearchParameterDefinition[] {
  return LIST_BY_TYPE.get(resourceType) ?? NONE;
}

/**
 * The search parameter `code` of `resourceType`, or undefined when the type does not define it.
 * See https://hl7.org/fhir/R4/search.html#standard
 */
export function searchParameter(resourceType: string, code: string): SearchParameterDefinition | undefined {
  return BY_TYPE_AND_CODE.get(resourceType)?.get(code);
}
