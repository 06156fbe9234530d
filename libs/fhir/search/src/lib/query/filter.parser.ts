import type { SearchParameterDefinition } from '@connector/fhir-search-parameters';
import { isR4ResourceType } from '@connector/fhir-types';
import { type ConditionContext, parseCondition } from './condition.parser';
import type { SearchFilter } from './search-filter.types';
import { findSearchParameter } from './search-parameter-lookup';
import { UnknownSearchParameterError, invalidSearchParameter } from './search-query.errors';

/** A filter plus the parameter name to echo in the self link (legacy names normalized). */
export interface ParsedFilter {
  readonly filter: SearchFilter;
  readonly name: string;
}

/** What filter parsing needs: the lookup, the base URL, and the name as the client wrote it (for errors). */
export type FilterContext = Omit<ConditionContext, 'resourceType'> & { readonly param: string };

/**
 * Parses one query parameter that is not a result parameter: `code[:modifier]`, a chain `ref[:Type].rest`,
 * or reverse chaining `_has:Type:ref:rest`, against `resourceType`.
 * See https://hl7.org/fhir/R4/search.html#chaining and https://hl7.org/fhir/R4/search.html#has
 */
export function parseFilter(name: string, value: string, resourceType: string, context: FilterContext): ParsedFilter {
  if (name.startsWith('_has:')) {
    return parseHas(name, value, resourceType, context);
  }
  const dot = name.indexOf('.');
  if (dot >= 0) {
    return parseChain(name.slice(0, dot), name.slice(dot + 1), value, resourceType, context);
  }
  const { code, modifier } = splitModifier(name, context);
  const resolved = resolveParameter(code, modifier, resourceType, context);
  const condition = parseCondition(context.param, resolved.definition, resolved.modifier, value, { ...context, resourceType });
  return {
    filter: { kind: 'parameter', code: resolved.definition.code, definition: resolved.definition, condition },
    name: nameOf(resolved.definition.code, resolved.modifier),
  };
}

function parseChain(head: string, rest: string, value: string, resourceType: string, context: FilterContext): ParsedFilter {
  const { code, modifier } = splitModifier(head, context);
  const { definition, modifier: typeModifier } = resolveParameter(code, modifier, resourceType, context);
  if (definition.type !== 'reference') {
    throw invalidSearchParameter(context.param, `"${code}" is a ${definition.type} parameter and cannot be chained`);
  }
  const targets = definition.target ?? [];
  if (typeModifier !== undefined && (!isR4ResourceType(typeModifier) || (targets.length > 0 && !targets.includes(typeModifier)))) {
    throw invalidSearchParameter(context.param, `":${typeModifier}" is not a target type of "${code}"`);
  }
  const targetType = typeModifier ?? (targets.length === 1 ? targets[0] : undefined);
  if (targetType === undefined || rest === '') {
    throw invalidSearchParameter(
      context.param,
      rest === ''
        ? 'the chain has no parameter after "."'
        : `"${code}" may refer to ${targets.length > 0 ? targets.join(', ') : 'any type'}; name one, e.g. "${code}:${targets[0] ?? 'Patient'}.${rest}"`,
    );
  }
  const inner = parseFilter(rest, value, targetType, context);
  return {
    filter: { kind: 'chain', code: definition.code, definition, targetType, filter: inner.filter },
    name: `${nameOf(definition.code, typeModifier)}.${inner.name}`,
  };
}

function parseHas(name: string, value: string, resourceType: string, context: FilterContext): ParsedFilter {
  const match = /^_has:([A-Za-z]+):([^:.]+):(.+)$/.exec(name);
  if (!match) {
    throw invalidSearchParameter(context.param, 'expected _has:Type:reference:parameter');
  }
  const [, sourceType, referenceCode, rest] = match;
  if (!isR4ResourceType(sourceType)) {
    throw invalidSearchParameter(context.param, `${sourceType} is not a resource type`);
  }
  const referenceDefinition = findSearchParameter(context.lookup, sourceType, referenceCode);
  if (!referenceDefinition) {
    throw new UnknownSearchParameterError(referenceCode, sourceType);
  }
  const targets = referenceDefinition.target ?? [];
  if (referenceDefinition.type !== 'reference' || (targets.length > 0 && !targets.includes(resourceType))) {
    throw invalidSearchParameter(context.param, `${sourceType} "${referenceCode}" does not refer to ${resourceType}`);
  }
  const inner = parseFilter(rest, value, sourceType, context);
  return {
    filter: { kind: 'has', resourceType: sourceType, referenceCode, referenceDefinition, filter: inner.filter },
    name: `_has:${sourceType}:${referenceCode}:${inner.name}`,
  };
}

function splitModifier(segment: string, context: FilterContext): { code: string; modifier?: string } {
  const [code, ...modifiers] = segment.split(':');
  if (code === '' || modifiers.length > 1 || modifiers[0] === '') {
    throw invalidSearchParameter(context.param, `"${segment}" is not a parameter name with at most one modifier`);
  }
  return modifiers.length === 0 ? { code } : { code, modifier: modifiers[0] };
}

const nameOf = (code: string, modifier?: string): string => (modifier === undefined ? code : `${code}:${modifier}`);

/**
 * Finds `code` on `resourceType`. The legacy `Patient=` parameter (any case) maps to the type's `patient`
 * parameter, or to `subject:Patient` when `subject` may refer to a Patient.
 * See https://hl7.org/fhir/R4/compartmentdefinition-patient.html
 */
function resolveParameter(
  code: string,
  modifier: string | undefined,
  resourceType: string,
  context: FilterContext,
): { definition: SearchParameterDefinition; modifier?: string } {
  const definition = findSearchParameter(context.lookup, resourceType, code);
  if (definition) {
    return { definition, modifier };
  }
  if (code.toLowerCase() === 'patient') {
    const patient = findSearchParameter(context.lookup, resourceType, 'patient');
    if (patient) {
      return { definition: patient, modifier };
    }
    const subject = findSearchParameter(context.lookup, resourceType, 'subject');
    if (subject?.type === 'reference' && (subject.target ?? []).includes('Patient')) {
      return { definition: subject, modifier: modifier ?? 'Patient' };
    }
  }
  throw new UnknownSearchParameterError(code, resourceType);
}
