import type { SearchParameterDefinition } from '@connector/fhir-search-parameters';
import { evaluateTyped, type TypedValue } from './fhirpath-evaluator';

/** Evaluates an expression of `definition` (its own or a component's), naming the parameter when fhirpath fails. */
export function evaluateParameter(
  definition: SearchParameterDefinition,
  expression: string,
  input: unknown,
  base?: string,
  resource?: unknown,
): TypedValue[] {
  try {
    return evaluateTyped(expression, input, base, resource);
  } catch (error) {
    // Name the parameter: a bare fhirpath error says nothing about which of ~40 expressions failed.
    throw new Error(
      `Indexing ${definition.resourceType} search parameter ${definition.code}: ${(error as Error).message}`,
    );
  }
}
