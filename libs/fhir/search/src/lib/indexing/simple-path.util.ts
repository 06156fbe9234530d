import { canonicalJson } from '@connector/fhir-types';
import {
  choiceTypePaths,
  path2Type,
  path2TypeWithoutElements,
  pathsDefinedElsewhere,
  type2Parent,
} from 'fhirpath/fhir-context/r4';

/*
 * A fast path for the search parameter expressions that are plain paths — `Observation.code`,
 * `Condition.onset.ofType(dateTime) | Condition.onset.ofType(Period)`, `Observation.subject.where(reference
 * .startsWith('Patient/') or reference.contains('/Patient/'))`, `Patient.telecom.where(system='email')` — which
 * are nearly all of them. Interpreting those with fhirpath.js took most of the indexing time; walking the JSON
 * directly is an order of magnitude cheaper. It follows fhirpath.js's own model rules (utilities.js
 * makeChildResNodes) for choice types, paths defined elsewhere, node types and model paths, so a value comes out
 * with the same type and path; anything else (functions, %resource, indexers, operators) goes to fhirpath.js.
 * extract-index-values.spec.ts and simple-path.util.spec.ts compare both on every parameter and all shared data.
 */

/** A selected element: its JSON, its FHIR type as the R4 model names it, its model path. */
export interface PathNode {
  readonly data: unknown;
  readonly type: string | undefined;
  readonly path: string;
}

type Step = (nodes: readonly PathNode[]) => PathNode[];

/** Per-element paths the model knows, with a string index (the generated JSON has one entry per element). */
const CHOICES = choiceTypePaths as Readonly<Record<string, readonly string[] | undefined>>;
const ELSEWHERE = pathsDefinedElsewhere as Readonly<Record<string, string | undefined>>;
const TYPE_OF = path2Type as Readonly<Record<string, string | undefined>>;
const TYPE_PATH_OF = path2TypeWithoutElements as Readonly<Record<string, string | undefined>>;
const PARENT_OF = type2Parent as Readonly<Record<string, string | undefined>>;

function pushValue(out: PathNode[], value: unknown, type: string | undefined, path: string): void {
  // A JSON null (the value slot of an extension-only primitive) selects a node fhirpath.js gives data null, which
  // indexes nothing; leaving it out changes no row.
  if (value !== null && value !== undefined) {
    out.push({ data: value, type, path });
  }
}

/** One JSON property a member step may read, with the type and model path of what it holds. */
interface Property {
  readonly name: string;
  /** `_name`: an extension-only primitive still claims the choice (fhirpath.js checks it too). */
  readonly shadow: string;
  readonly type: string | undefined;
  readonly path: string;
}

function property(name: string, childPath: string): Property {
  return { name, shadow: `_${name}`, type: TYPE_OF[childPath], path: TYPE_PATH_OF[childPath] ?? childPath };
}

/**
 * The properties `name` means under a parent at `parentPath`, as fhirpath.js's makeChildResNodes resolves them: a
 * choice type (`value`) lists `valueQuantity`, `valueCodeableConcept`… in the model's order; `extension` is typed
 * Extension wherever it hangs.
 */
function propertiesOf(parentPath: string, name: string): readonly Property[] {
  const childPath = ELSEWHERE[`${parentPath}.${name}`] ?? `${parentPath}.${name}`;
  const choices = CHOICES[childPath];
  if (choices) {
    return choices.map((suffix) => property(name + suffix, childPath + suffix));
  }
  return [property(name, name === 'extension' ? 'Extension' : childPath)];
}

/** `node.name` by the model (choice types: the first suffix present wins, as in fhirpath.js). */
function member(name: string): Step {
  // Resolved once per parent model path: a step meets only a handful of them.
  const resolved = new Map<string, readonly Property[]>();
  return (nodes) => {
    const out: PathNode[] = [];
    for (const node of nodes) {
      const data = node.data;
      if (typeof data !== 'object' || data === null) {
        continue;
      }
      let properties = resolved.get(node.path);
      if (properties === undefined) {
        properties = propertiesOf(node.path, name);
        resolved.set(node.path, properties);
      }
      const record = data as Record<string, unknown>;
      const found =
        properties.length === 1
          ? properties[0]
          : properties.find(
              (candidate) => record[candidate.name] !== undefined || record[candidate.shadow] !== undefined,
            );
      if (found === undefined) {
        continue;
      }
      const value = record[found.name];
      if (Array.isArray(value)) {
        for (const item of value) {
          pushValue(out, item, found.type, found.path);
        }
      } else {
        pushValue(out, value, found.type, found.path);
      }
    }
    return out;
  };
}

/** `ofType(T)`: the node's type is T or derives from it (Age is a Quantity). */
function ofType(wanted: string): Step {
  const matches = (type: string | undefined): boolean => {
    for (let current = type; current !== undefined; current = PARENT_OF[current]) {
      if (current === wanted) {
        return true;
      }
    }
    return false;
  };
  return (nodes) => nodes.filter((node) => matches(node.type));
}

const field = (node: PathNode, name: string): unknown =>
  typeof node.data === 'object' && node.data !== null ? (node.data as Record<string, unknown>)[name] : undefined;

/** `where(name = 'literal')` on a single string element (an empty or other collection is not equal). */
function whereEquals(name: string, literal: string): Step {
  return (nodes) => nodes.filter((node) => field(node, name) === literal);
}

/** `where(reference.startsWith('T/') or reference.contains('/T/'))`, the generator's form of `resolve() is T`. */
function whereReference(prefix: string, infix: string): Step {
  return (nodes) =>
    nodes.filter((node) => {
      const reference = field(node, 'reference');
      return typeof reference === 'string' && (reference.startsWith(prefix) || reference.includes(infix));
    });
}

const IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;
const OF_TYPE = /^ofType\(([A-Za-z]+)\)$/;
const WHERE_EQUALS = /^where\(([a-z][A-Za-z0-9]*) ?= ?'([^'\\]*)'\)$/;
const WHERE_REFERENCE = /^where\(reference\.startsWith\('([^'\\]*)'\) or reference\.contains\('([^'\\]*)'\)\)$/;

function stepOf(token: string): Step | undefined {
  if (IDENTIFIER.test(token)) {
    return member(token);
  }
  const type = OF_TYPE.exec(token);
  if (type) {
    return ofType(type[1]);
  }
  const equals = WHERE_EQUALS.exec(token);
  if (equals) {
    return whereEquals(equals[1], equals[2]);
  }
  const reference = WHERE_REFERENCE.exec(token);
  return reference ? whereReference(reference[1], reference[2]) : undefined;
}

/** Splits at `separator` outside parentheses and quotes; undefined when they do not balance. */
function splitTopLevel(text: string, separator: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === "'") {
      quoted = !quoted;
    } else if (!quoted && character === '(') {
      depth++;
    } else if (!quoted && character === ')') {
      depth--;
    } else if (!quoted && depth === 0 && character === separator) {
      parts.push(text.slice(start, index).trim());
      start = index + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return depth === 0 && !quoted ? parts : undefined;
}

interface CompiledPart {
  /** The resource type the path starts from, when evaluated on a resource (no base). */
  readonly root: string | undefined;
  readonly steps: readonly Step[];
}

function compilePart(part: string, base: string | undefined): CompiledPart | undefined {
  const tokens = splitTopLevel(part, '.');
  if (tokens === undefined || tokens.some((token) => token === '')) {
    return undefined;
  }
  const root = base === undefined ? tokens.shift() : undefined;
  if (base === undefined && (root === undefined || !/^[A-Z][A-Za-z]*$/.test(root))) {
    return undefined;
  }
  const steps = tokens.map(stepOf);
  return steps.every((step): step is Step => step !== undefined) ? { root, steps } : undefined;
}

/**
 * fhirpath.js's union `|` drops duplicates (equal values); canonical JSON stands in for its equality. Objects are
 * serialized only when another one has the same keys, so `Observation | Observation.component` costs no JSON.
 */
function distinct(nodes: readonly PathNode[]): PathNode[] {
  if (nodes.length < 2) {
    return nodes as PathNode[];
  }
  const primitives = new Set<string>();
  const objectsByKeys = new Map<string, PathNode[]>();
  return nodes.filter((node) => {
    const { data } = node;
    if (typeof data !== 'object' || data === null) {
      const key = `${typeof data}:${String(data)}`;
      return primitives.has(key) ? false : (primitives.add(key), true);
    }
    const keys = Object.keys(data).sort().join(',');
    const sameKeys = objectsByKeys.get(keys);
    if (sameKeys === undefined) {
      objectsByKeys.set(keys, [node]);
      return true;
    }
    const json = canonicalJson(data);
    if (sameKeys.some((other) => other.data === data || canonicalJson(other.data) === json)) {
      return false;
    }
    sameKeys.push(node);
    return true;
  });
}

/** Evaluates a compiled plain-path expression on a resource (or, with a base, on an element at that path). */
export type SimplePathEvaluator = (input: unknown) => PathNode[];

/**
 * Compiles `expression` (relative to an element at model path `base`, or to a resource) when it is a plain path:
 * members, `ofType(T)`, the two `where` forms above, unions of those. Undefined for anything else.
 */
export function compileSimplePath(expression: string, base: string | undefined): SimplePathEvaluator | undefined {
  const parts = splitTopLevel(expression, '|')?.map((part) => compilePart(part, base));
  if (parts === undefined || parts.some((part) => part === undefined)) {
    return undefined;
  }
  const compiled = parts as CompiledPart[];
  const evaluatePart = (part: CompiledPart, input: unknown): PathNode[] => {
    let nodes: PathNode[];
    if (part.root === undefined) {
      nodes = [{ data: input, type: TYPE_OF[base as string], path: TYPE_PATH_OF[base as string] ?? (base as string) }];
    } else {
      const resourceType = (input as { resourceType?: unknown } | null)?.resourceType;
      nodes = resourceType === part.root ? [{ data: input, type: part.root, path: part.root }] : [];
    }
    for (const step of part.steps) {
      nodes = step(nodes);
    }
    return nodes;
  };
  if (compiled.length === 1) {
    return (input) => evaluatePart(compiled[0], input);
  }
  return (input) => distinct(compiled.flatMap((part) => evaluatePart(part, input)));
}
