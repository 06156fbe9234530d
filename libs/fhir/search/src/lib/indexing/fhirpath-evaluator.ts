import { compile } from 'fhirpath';
import * as r4Model from 'fhirpath/fhir-context/r4';
import { compileSimplePath } from './simple-path.util';

/** A value a FHIRPath expression selected, with its FHIR type when the R4 model knows it (`HumanName`, `date`…). */
export interface TypedValue {
  readonly type: string | undefined;
  readonly data: unknown;
  /** Model path of the element (e.g. `Observation.component`), used as the base of composite components. */
  readonly path: string | undefined;
}

type Evaluator = (input: unknown, env: Record<string, unknown> | undefined) => TypedValue[];
type FhirpathEvaluator = (input: unknown, env?: Record<string, unknown>) => unknown[];

// Compiling parses the expression: done once per (base, expression) for the life of the process. Keyed by base
// then expression, so the hot lookup builds no key string.
const compiled = new Map<string | undefined, Map<string, Evaluator>>();
const compiledFhirpath = new Map<string | undefined, Map<string, Evaluator>>();

interface ResourceNodeLike {
  readonly data: unknown;
  readonly path: string | null;
  readonly fhirNodeDataType: string | null;
}

function isResourceNode(value: unknown): value is ResourceNodeLike {
  return typeof value === 'object' && value !== null && 'fhirNodeDataType' in value && 'data' in value;
}

/** `System.String` → `string`, so computed values and model values share one vocabulary. */
function fhirType(type: string | null | undefined): string | undefined {
  return type?.startsWith('System.') ? type.slice('System.'.length).toLowerCase() : (type ?? undefined);
}

function typed(value: unknown): TypedValue {
  if (isResourceNode(value)) {
    return { type: fhirType(value.fhirNodeDataType), data: value.data, path: value.path ?? undefined };
  }
  return { type: typeof value === 'object' ? undefined : typeof value, data: value, path: undefined };
}

function compileFhirpath(expression: string, base: string | undefined): Evaluator {
  const path = base === undefined ? expression : { base, expression };
  // resolveInternalTypes: false keeps the model's type of each node, which decides how it is indexed.
  const evaluate = compile(path, r4Model, { async: false, resolveInternalTypes: false }) as FhirpathEvaluator;
  return (input, env) => evaluate(input, env).map(typed);
}

function compileEvaluator(expression: string, base: string | undefined): Evaluator {
  // Plain paths (nearly every search parameter) skip the interpreter; see simple-path.util.ts.
  const simple = compileSimplePath(expression, base);
  if (simple) {
    return (input) => simple(input).map((node) => ({ type: fhirType(node.type), data: node.data, path: node.path }));
  }
  return compileFhirpath(expression, base);
}

function cached(
  cache: Map<string | undefined, Map<string, Evaluator>>,
  expression: string,
  base: string | undefined,
  make: (expression: string, base: string | undefined) => Evaluator,
): Evaluator {
  let byExpression = cache.get(base);
  if (!byExpression) {
    byExpression = new Map();
    cache.set(base, byExpression);
  }
  let evaluator = byExpression.get(expression);
  if (!evaluator) {
    evaluator = make(expression, base);
    byExpression.set(expression, evaluator);
  }
  return evaluator;
}

/**
 * Evaluates a FHIRPath expression synchronously with the R4 model; `base` evaluates it relative to an element at
 * that model path (composite components). See https://hl7.org/fhirpath/N1/
 */
export function evaluateTyped(expression: string, input: unknown, base?: string, resource?: unknown): TypedValue[] {
  const env = resource === undefined ? undefined : { resource, rootResource: resource };
  return cached(compiled, expression, base, compileEvaluator)(input, env);
}

/** The same evaluation by fhirpath.js alone, never the plain-path walker: what the walker is checked against. */
export function evaluateWithFhirpath(
  expression: string,
  input: unknown,
  base?: string,
  resource?: unknown,
): TypedValue[] {
  const env = resource === undefined ? undefined : { resource, rootResource: resource };
  return cached(compiledFhirpath, expression, base, compileFhirpath)(input, env);
}
