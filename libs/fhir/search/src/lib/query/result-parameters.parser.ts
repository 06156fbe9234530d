import { isR4ResourceType } from '@connector/fhir-types';
import { findSearchParameter, type SearchParameterLookup } from './search-parameter-lookup';
import { invalidSearchParameter } from './search-query.errors';
import type { IncludeDirective, SearchSummary, SearchTotal, SortKey } from './search-request.types';

/** Page size when `_count` is absent, and the largest one we serve (larger requests are capped). */
export const DEFAULT_SEARCH_COUNT = 50;
export const MAX_SEARCH_COUNT = 1000;

const TOTALS: readonly string[] = ['none', 'estimate', 'accurate'] satisfies SearchTotal[];
const SUMMARIES: readonly string[] = ['true', 'text', 'data', 'count', 'false'] satisfies SearchSummary[];
const ELEMENT_PATTERN = /^[A-Za-z][A-Za-z0-9_]*(?:\[x\])?$/;

/** Result parameters gathered while walking the query. */
export interface ResultParameters {
  include: IncludeDirective[];
  revinclude: IncludeDirective[];
  count?: number;
  sort?: SortKey[];
  total?: SearchTotal;
  summary?: SearchSummary;
  elements?: string[];
}

/**
 * Applies a result parameter (`_include`, `_revinclude`, `_count`, `_sort`, `_total`, `_summary`, `_elements`)
 * to `result`; returns the value to echo in the self link, or undefined when `name` is not one.
 * See https://hl7.org/fhir/R4/search.html#return
 */
export function applyResultParameter(
  name: string,
  value: string,
  resourceType: string,
  lookup: SearchParameterLookup,
  result: ResultParameters,
): string | undefined {
  const [base, modifier] = splitName(name);
  if (base === '_include' || base === '_revinclude') {
    const iterate = modifier === 'iterate' || modifier === 'recurse';
    if (modifier !== undefined && !iterate) {
      throw invalidSearchParameter(name, `modifier ":${modifier}" is not supported (only :iterate)`);
    }
    result[base === '_include' ? 'include' : 'revinclude'].push(parseInclude(name, value, iterate, lookup));
    return value;
  }
  if (!['_count', '_sort', '_total', '_summary', '_elements'].includes(base)) {
    return undefined;
  }
  if (modifier !== undefined) {
    throw invalidSearchParameter(name, 'result parameters take no modifier');
  }
  const key = base.slice(1) as 'count' | 'sort' | 'total' | 'summary' | 'elements';
  if (result[key] !== undefined) {
    throw invalidSearchParameter(name, 'may appear only once');
  }
  switch (key) {
    case 'count':
      result.count = parseCount(name, value);
      return String(result.count);
    case 'sort':
      result.sort = parseSort(name, value, resourceType, lookup);
      return value;
    case 'total':
      result.total = oneOf(name, value, TOTALS) as SearchTotal;
      return value;
    case 'summary':
      result.summary = oneOf(name, value, SUMMARIES) as SearchSummary;
      return value;
    case 'elements':
      result.elements = parseElements(name, value);
      return value;
  }
}

function splitName(name: string): [string, string | undefined] {
  const colon = name.indexOf(':');
  return colon < 0 ? [name, undefined] : [name.slice(0, colon), name.slice(colon + 1)];
}

function oneOf(name: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) {
    throw invalidSearchParameter(name, `"${value}" is not one of ${allowed.join(', ')}`);
  }
  return value;
}

/** `_count`: a non-negative integer (0 = total only), capped at {@link MAX_SEARCH_COUNT}. */
function parseCount(name: string, value: string): number {
  if (!/^\d{1,9}$/.test(value)) {
    throw invalidSearchParameter(name, `"${value}" is not a non-negative integer`);
  }
  return Math.min(Number(value), MAX_SEARCH_COUNT);
}

/** `_sort=status,-date`: each key a known parameter of the type, `-` for descending. */
function parseSort(name: string, value: string, resourceType: string, lookup: SearchParameterLookup): SortKey[] {
  return value.split(',').map((raw) => {
    const descending = raw.startsWith('-');
    const code = descending ? raw.slice(1) : raw;
    const definition = code === '' ? undefined : findSearchParameter(lookup, resourceType, code);
    if (!definition) {
      throw invalidSearchParameter(name, `"${code}" is not a search parameter of ${resourceType}`);
    }
    if (definition.type === 'composite' || definition.type === 'special') {
      throw invalidSearchParameter(name, `cannot sort by the ${definition.type} parameter "${code}"`);
    }
    return { code, descending };
  });
}

function parseElements(name: string, value: string): string[] {
  const elements = value.split(',').map((element) => element.trim());
  const bad = elements.find((element) => !ELEMENT_PATTERN.test(element));
  if (bad !== undefined) {
    throw invalidSearchParameter(name, `"${bad}" is not an element name`);
  }
  return elements;
}

/**
 * `Type:param[:TargetType]` or `*` (also `Type:*`): a known reference parameter of a known type.
 * See https://hl7.org/fhir/R4/search.html#include
 */
function parseInclude(name: string, value: string, iterate: boolean, lookup: SearchParameterLookup): IncludeDirective {
  if (value === '*') {
    return { sourceType: '*', code: '*', iterate };
  }
  const parts = value.split(':');
  const [sourceType, code, targetType] = parts;
  if (parts.length < 2 || parts.length > 3 || !isR4ResourceType(sourceType) || code === '') {
    throw invalidSearchParameter(name, `"${value}" is not Type:parameter[:TargetType] or *`);
  }
  if (code !== '*') {
    const definition = findSearchParameter(lookup, sourceType, code);
    if (!definition || definition.type !== 'reference') {
      throw invalidSearchParameter(name, `"${code}" is not a reference parameter of ${sourceType}`);
    }
    const targets = definition.target ?? [];
    if (targetType !== undefined && (!isR4ResourceType(targetType) || (targets.length > 0 && !targets.includes(targetType)))) {
      throw invalidSearchParameter(name, `${targetType} is not a target type of ${sourceType}:${code}`);
    }
  } else if (targetType !== undefined) {
    throw invalidSearchParameter(name, `"${value}": a target type needs a named parameter`);
  }
  return { sourceType, code, ...(targetType === undefined ? {} : { targetType }), iterate };
}
