import type { SearchParameterDefinition } from '@connector/fhir-search-parameters';
import { type CompositeComponent, compositeComponents, compositeUnionParts } from './composite-components.util';
import { evaluateParameter } from './evaluate-parameter.util';
import type { TypedValue } from './fhirpath-evaluator';
import type { CompositeComponentValues, CompositeIndexRow, IndexableResource, IndexRow } from './index-rows.types';
import { rowsOfType } from './rows-of-type.util';

// Composites take no modifiers, so a token part always names a code or a system: a token row without a code (the
// extra `CodeableConcept.text` row) can never match one, and the folded text `:text` searches is never read.
function matchable(type: CompositeComponent['type'], row: IndexRow): IndexRow[] {
  if (type !== 'token' || !('typeSystem' in row)) {
    return [row];
  }
  return row.value === null ? [] : [{ ...row, text: null }];
}

function componentValues(
  definition: SearchParameterDefinition,
  component: CompositeComponent,
  element: TypedValue,
  resource: IndexableResource,
): CompositeComponentValues {
  const values = evaluateParameter(definition, component.expression, element.data, element.path, resource);
  const rows = values
    .flatMap((value) => rowsOfType(component.type, component.code, value))
    .flatMap((row) => matchable(component.type, row));
  return { code: component.code, type: component.type, rows };
}

/**
 * The composite's rows: one per element its expression selects (the Observation itself for `code-value-quantity`,
 * each `Observation.component` for `component-code-value-quantity`, both for `combo-…`), holding every component's
 * rows evaluated on that element only, which is what lets a search demand that all parts match the *same* element.
 * An element lacking a value for some component can match no search value, so it gets no row: a resource "has" the
 * composite (`:missing=false`) when one of its elements has every part. A union of other composites (see
 * compositeUnionParts) gets none either. See https://hl7.org/fhir/R4/search.html#composite
 */
export function compositeRows(definition: SearchParameterDefinition, resource: IndexableResource): CompositeIndexRow[] {
  if (compositeUnionParts(definition) !== undefined) {
    return []; // its parts' rows answer it (combo-code-value-*)
  }
  const components = compositeComponents(definition);
  const rows: CompositeIndexRow[] = [];
  for (const element of evaluateParameter(definition, definition.expression ?? '', resource)) {
    const values = components.map((component) => componentValues(definition, component, element, resource));
    if (values.every((value) => value.rows.length > 0)) {
      rows.push({ code: definition.code, components: values });
    }
  }
  return rows;
}
