import {
  searchParameter,
  searchParametersFor,
  type SearchParameterDefinition,
} from '@connector/fhir-search-parameters';

/** The parameter types a composite component can have: those with index rows of their own. */
export type ComponentType = 'string' | 'token' | 'date' | 'reference' | 'quantity' | 'number' | 'uri';

/** One component of a composite parameter, resolved against the resource type's parameters. */
export interface CompositeComponent {
  /** Code of the parameter the component uses (`code`, `value-quantity`…); its type decides index and query. */
  readonly code: string;
  readonly type: ComponentType;
  /** FHIRPath evaluated on each element the composite's expression selects. */
  readonly expression: string;
}

// R4 publishes DocumentReference-relationship with its component expressions swapped (relatesto, a reference
// parameter, on `code`; relation, a token, on `target`), so as published nothing could ever match it (a known
// erratum other servers patch too). Each component gets the element of its own type, in the declared order:
// `relationship=DocumentReference/123$replaces`.
const EXPRESSION_ERRATA: ReadonlyMap<string, readonly string[]> = new Map([
  ['http://hl7.org/fhir/SearchParameter/DocumentReference-relationship', ['target', 'code']],
]);

const TYPED: ReadonlySet<string> = new Set<ComponentType>([
  'string',
  'token',
  'date',
  'reference',
  'quantity',
  'number',
  'uri',
]);

const resolved = new WeakMap<SearchParameterDefinition, readonly CompositeComponent[]>();

function resolve(definition: SearchParameterDefinition): readonly CompositeComponent[] {
  const errata = EXPRESSION_ERRATA.get(definition.url);
  const components = (definition.component ?? []).map((component, index) => {
    const type = searchParameter(definition.resourceType, component.code)?.type;
    if (type === undefined || !TYPED.has(type)) {
      throw new Error(
        `Composite ${definition.resourceType} ${definition.code}: component ${component.code} has no indexable type`,
      );
    }
    return { code: component.code, type: type as ComponentType, expression: errata?.[index] ?? component.expression };
  });
  return Object.freeze(components);
}

/**
 * The components of a composite search parameter in definition order (the order of the `$`-separated parts of a
 * search value), each with its parameter's type and its expression relative to the composite's elements. The
 * indexer and the store's query both read them from here, so they agree on order, type and errata.
 * See https://hl7.org/fhir/R4/search.html#composite
 */
export function compositeComponents(definition: SearchParameterDefinition): readonly CompositeComponent[] {
  let components = resolved.get(definition);
  if (components === undefined) {
    components = resolve(definition);
    resolved.set(definition, components);
  }
  return components;
}

const sameComponents = (a: readonly CompositeComponent[], b: readonly CompositeComponent[]) =>
  a.length === b.length &&
  a.every((component, index) => component.type === b[index].type && component.expression === b[index].expression);

const unionParts = new WeakMap<SearchParameterDefinition, readonly SearchParameterDefinition[] | null>();

function findUnionParts(definition: SearchParameterDefinition): readonly SearchParameterDefinition[] | null {
  const parts = (definition.expression ?? '').split('|').map((part) => part.trim());
  if (parts.length < 2) {
    return null;
  }
  const components = compositeComponents(definition);
  const others = searchParametersFor(definition.resourceType).filter(
    (other) => other !== definition && other.type === 'composite',
  );
  const found = parts.map((part) =>
    others.find((other) => other.expression === part && sameComponents(compositeComponents(other), components)),
  );
  return found.every((other): other is SearchParameterDefinition => other !== undefined) ? found : null;
}

/**
 * The composites whose rows answer `definition` when it is only the union of them: R4's `combo-code-value-quantity`
 * (`Observation | Observation.component`, components `code` and `value.ofType(Quantity)`) selects exactly the
 * elements `code-value-quantity` and `component-code-value-quantity` select, with the same component expressions
 * and types, so its rows would repeat theirs (half the composite rows of an Observation). Such a composite stores
 * nothing and is searched on its parts' rows; undefined for every other composite.
 */
export function compositeUnionParts(
  definition: SearchParameterDefinition,
): readonly SearchParameterDefinition[] | undefined {
  let parts = unionParts.get(definition);
  if (parts === undefined) {
    parts = findUnionParts(definition);
    unionParts.set(definition, parts);
  }
  return parts ?? undefined;
}
