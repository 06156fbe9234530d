import {
  searchParameter,
  searchParametersFor,
  type SearchParamType,
  type SearchParameterDefinition,
} from '@connector/fhir-search-parameters';
import { dateRows } from './date-rows.util';
import { evaluateTyped, type TypedValue } from './fhirpath-evaluator';
import type {
  CompositeComponentValues,
  CompositeIndexRow,
  IndexRow,
  ResourceIndex,
  UriIndexRow,
} from './index-rows.types';
import { numberRows, quantityRows } from './quantity-rows.util';
import { referenceRows } from './reference-rows.util';
import { stringRows } from './string-rows.util';
import { tokenRows } from './token-rows.util';

/** The minimum the indexer needs of a resource. */
export interface IndexableResource {
  readonly resourceType: string;
  readonly id?: string;
}

type SimpleType = Exclude<SearchParamType, 'composite' | 'special'>;

function uriRows(code: string, value: TypedValue): UriIndexRow[] {
  return typeof value.data === 'string' ? [{ code, value: value.data }] : [];
}

const ROWS_OF: Record<SimpleType, (code: string, value: TypedValue) => IndexRow[]> = {
  string: stringRows,
  token: tokenRows,
  date: dateRows,
  reference: referenceRows,
  quantity: quantityRows,
  number: numberRows,
  uri: uriRows,
};

function isSimple(type: SearchParamType): type is SimpleType {
  return type !== 'composite' && type !== 'special';
}

function evaluate(
  definition: SearchParameterDefinition,
  expression: string,
  input: unknown,
  base?: string,
  resource?: unknown,
) {
  try {
    return evaluateTyped(expression, input, base, resource);
  } catch (error) {
    // Name the parameter: a bare fhirpath error says nothing about which of ~40 expressions failed.
    throw new Error(
      `Indexing ${definition.resourceType} search parameter ${definition.code}: ${(error as Error).message}`,
    );
  }
}

/** Each element the composite selects becomes one row holding every component's values for that element. */
function compositeRows(definition: SearchParameterDefinition, resource: IndexableResource): CompositeIndexRow[] {
  const elements = evaluate(definition, definition.expression ?? '', resource);
  return elements.map((element) => ({
    code: definition.code,
    components: (definition.component ?? []).map((component): CompositeComponentValues => {
      // Components name another parameter of the same type by code; its type decides how the value is indexed.
      const type = searchParameter(definition.resourceType, component.code)?.type ?? 'special';
      const values = evaluate(definition, component.expression, element.data, element.path, resource);
      const rows = isSimple(type) ? values.flatMap((value) => ROWS_OF[type](component.code, value)) : [];
      return { code: component.code, type, rows };
    }),
  }));
}

/**
 * Evaluates every search parameter of the resource's type (R4 + US Core 6.1.0) against it and returns the rows the
 * search index stores, per value type. `special` parameters and those without an expression are skipped.
 * See https://hl7.org/fhir/R4/search.html#ptypes
 */
export function extractIndexValues(resource: IndexableResource): ResourceIndex {
  const rows: Record<SimpleType, IndexRow[]> = {
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
    if (!expression) {
      continue;
    }
    if (type === 'composite') {
      composite.push(...compositeRows(definition, resource));
    } else if (isSimple(type)) {
      for (const value of evaluate(definition, expression, resource)) {
        rows[type].push(...ROWS_OF[type](code, value));
      }
    }
  }
  // Sound cast: rows[type] only ever receives ROWS_OF[type]'s rows, which TypeScript cannot correlate by key.
  return { resourceType: resource.resourceType, id: resource.id ?? null, ...rows, composite } as ResourceIndex;
}
