import { searchParametersFor, type SearchParamType } from '@connector/fhir-search-parameters';
import type { ComponentType } from './composite-components.util';
import { compositeRows } from './composite-rows.util';
import { evaluateParameter } from './evaluate-parameter.util';
import type { CompositeIndexRow, IndexableResource, IndexRow, ResourceIndex } from './index-rows.types';
import { rowsOfType } from './rows-of-type.util';

function isSimple(type: SearchParamType): type is ComponentType {
  return type !== 'composite' && type !== 'special';
}

/**
 * Evaluates every search parameter of the resource's type (R4 + US Core 6.1.0) against it and returns the rows the
 * search index stores, per value type, plus one composite row per element a composite parameter selects. `special`
 * parameters and those without an expression are skipped. See https://hl7.org/fhir/R4/search.html#ptypes
 */
export function extractIndexValues(resource: IndexableResource): ResourceIndex {
  const rows: Record<ComponentType, IndexRow[]> = {
    string: [],
    token: [],
    date: [],
    reference: [],
    quantity: [],
    number: [],
    uri: [],
  };
  const composite: CompositeIndexRow[] = [];
  for (const definition of searchParametersFor(resource.resourceType)) {
    const { expression, type, code } = definition;
    // `_id` is answered from the resource table's own id (search, sort, chains): rows for it would never be read
    // (one token row per resource, ~11% of them).
    if (!expression || code === '_id') {
      continue;
    }
    if (type === 'composite') {
      composite.push(...compositeRows(definition, resource));
    } else if (isSimple(type)) {
      for (const value of evaluateParameter(definition, expression, resource)) {
        rows[type].push(...rowsOfType(type, code, value));
      }
    }
  }
  // Sound cast: rows[type] only ever receives rowsOfType(type)'s rows, which TypeScript cannot correlate by key.
  return { resourceType: resource.resourceType, id: resource.id ?? null, ...rows, composite } as ResourceIndex;
}
