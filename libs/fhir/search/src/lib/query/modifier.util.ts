import type { SearchParameterDefinition, SearchParamType } from '@connector/fhir-search-parameters';
import { isR4ResourceType } from '@connector/fhir-types';
import { invalidSearchParameter } from './search-query.errors';

/** Modifiers each type accepts besides `:missing` (all) and `:Type` (reference). See https://hl7.org/fhir/R4/search.html#modifiers */
const TYPE_MODIFIERS: Readonly<Record<SearchParamType, readonly string[]>> = {
  string: ['exact', 'contains'],
  token: ['text', 'not', 'above', 'below', 'in', 'not-in', 'of-type'],
  reference: ['identifier'],
  uri: ['above', 'below'],
  date: [],
  number: [],
  quantity: [],
  composite: [],
  special: [],
};

/** A modifier checked against the parameter's type; `resourceType` set for a reference `:Type` modifier. */
export interface CheckedModifier {
  readonly modifier?: string;
  readonly resourceType?: string;
}

/** `:of-type` only makes sense on Identifier elements; the expression is the only place that says so. */
function isIdentifierParameter(definition: SearchParameterDefinition): boolean {
  return definition.code === 'identifier' || /identifier/i.test(definition.expression ?? '');
}

/**
 * Accepts `modifier` for `definition` or throws a 400 naming it (`param` is the name as written, for the text).
 * See https://hl7.org/fhir/R4/search.html#modifiers
 */
export function checkModifier(param: string, definition: SearchParameterDefinition, modifier?: string): CheckedModifier {
  if (modifier === undefined || modifier === 'missing') {
    return { modifier };
  }
  if (definition.type === 'reference' && isR4ResourceType(modifier)) {
    const targets = definition.target ?? [];
    if (targets.length > 0 && !targets.includes(modifier)) {
      throw invalidSearchParameter(param, `${modifier} is not one of its target types (${targets.join(', ')})`);
    }
    return { resourceType: modifier };
  }
  const allowed = TYPE_MODIFIERS[definition.type];
  if (!allowed.includes(modifier) || (modifier === 'of-type' && !isIdentifierParameter(definition))) {
    throw invalidSearchParameter(param, `modifier ":${modifier}" is not supported on a ${definition.type} parameter`);
  }
  return { modifier };
}
