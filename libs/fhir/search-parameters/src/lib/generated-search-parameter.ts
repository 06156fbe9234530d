import type { SearchParameterDefinition } from './search-parameter-definition';

/**
 * A row of the generated table: a definition before it is attached to a resource type. `source` is omitted for the
 * R4 base definitions to keep the table compact.
 */
export type GeneratedSearchParameter = Omit<SearchParameterDefinition, 'resourceType' | 'source'> & {
  readonly source?: SearchParameterDefinition['source'];
};
