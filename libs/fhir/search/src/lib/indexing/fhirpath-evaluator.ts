import { compile } from 'fhirpath';
import * as r4Model from 'fhirpath/fhir-context/r4';

/** A value a FHIRPath expression selected, with its FHIR type when the R4 model knows it (`HumanName`, `date`…). */
export interface TypedValue {
  readonly type: string | undefined;
  readonly data: unknown;
  /** Model path of the element (e.g. `Observation.component`), used as the base of composite components. */
  readonly path: string | undefined;
}

type Evaluator = (input: unknown, env?: Record<string, unknown>) => unknown[];

// Compiling parses the expression: done once per (base, expression) for the life of the process.
const compiled = new Map<string, Evaluator>();

function evaluatorFor(expression: string, base: string | undefined): Evaluator {
  const key = `${base ?? ''}\u0000${expression}`;
  let evaluator = compiled.get(key);
  if (!evaluator) {
    const path = base === undefined ? expression : { base, expression };
    // resolveInternalTypes: false keeps the model's type of each node, which decides how it is indexed.
    evaluator = compile(path, r4Model, { async: false, resolveInternalTypes: false }) as Evaluator;
    compiled.set(key, evaluator);
  }
  return evaluator;
}

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

/**
 * Evaluates a FHIRPath expression synchronously with the R4 model; `base` evaluates it relative to an element at
 * that model path (composite components). See https://hl7.org/fhirpath/N1/
 */
export function evaluateTyped(expression: string, input: unknown, base?: string, resource?: unknown): TypedValue[] {
  const env = resource === undefined ? undefined : { resource, rootResource: resource };
  return evaluatorFor(expression, base)(input, env).map(typed);
}
