import type { SearchParameterDefinition } from '@connector/fhir-search-parameters';
import { parseCompositeValue } from './composite-value.parser';
import { parseDateValue } from './date-value.parser';
import { splitUnescaped, unescapeSearchValue } from './escape.util';
import { checkModifier } from './modifier.util';
import { parseNumberValue, parseQuantityValue } from './number-value.parser';
import { parseReferenceValue } from './reference-value.parser';
import type { SearchCondition } from './search-filter.types';
import type { SearchParameterLookup } from './search-parameter-lookup';
import { InvalidSearchValueError, invalidSearchParameter } from './search-query.errors';
import type { TextSearchValue } from './search-value.types';
import { parseOfTypeValue, parseTokenValue } from './token-value.parser';

/** What value parsing needs besides the parameter itself. */
export interface ConditionContext {
  readonly resourceType: string;
  readonly lookup: SearchParameterLookup;
  readonly baseUrl: string;
}

const text = (raw: string): TextSearchValue => ({ type: 'text', text: unescapeSearchValue(raw) });

/**
 * Parses one occurrence `param[:modifier]=value` of a known parameter into its condition: `:missing`, or the
 * comma-separated OR values parsed by the parameter's type. `param` is the name as written, for error texts.
 * See https://hl7.org/fhir/R4/search.html#combining
 */
export function parseCondition(
  param: string,
  definition: SearchParameterDefinition,
  modifierText: string | undefined,
  value: string,
  context: ConditionContext,
): SearchCondition {
  const checked = checkModifier(param, definition, modifierText);
  if (checked.modifier === 'missing') {
    if (value !== 'true' && value !== 'false') {
      throw invalidSearchParameter(param, `:missing takes true or false, not "${value}"`);
    }
    return { type: 'missing', missing: value === 'true' };
  }
  const pieces = splitUnescaped(value, ',');
  if (pieces.some((piece) => piece === '')) {
    throw invalidSearchParameter(param, `empty value in "${value}"`);
  }
  try {
    return conditionOf(definition, checked.modifier, checked.resourceType, pieces, context);
  } catch (error) {
    throw error instanceof InvalidSearchValueError ? invalidSearchParameter(param, error.why) : error;
  }
}

function conditionOf(
  definition: SearchParameterDefinition,
  modifier: string | undefined,
  typeModifier: string | undefined,
  pieces: string[],
  context: ConditionContext,
): SearchCondition {
  switch (definition.type) {
    case 'string':
      return { type: 'string', match: modifier === 'exact' || modifier === 'contains' ? modifier : 'starts-with', values: pieces.map(text) };
    case 'token':
      return tokenCondition(modifier, pieces);
    case 'date':
      return { type: 'date', values: pieces.map(parseDateValue) };
    case 'number':
      return { type: 'number', values: pieces.map(parseNumberValue) };
    case 'quantity':
      return { type: 'quantity', values: pieces.map(parseQuantityValue) };
    case 'reference': {
      const referenceContext = { definition, typeModifier, identifier: modifier === 'identifier', baseUrl: context.baseUrl };
      return { type: 'reference', values: pieces.map((piece) => parseReferenceValue(piece, referenceContext)) };
    }
    case 'uri':
      return { type: 'uri', modifier: modifier === 'below' || modifier === 'above' ? modifier : 'none', values: pieces.map(text) };
    case 'composite':
      return { type: 'composite', values: pieces.map((piece) => parseCompositeValue(piece, definition, context)) };
    case 'special':
      return { type: 'special', values: pieces.map(text) };
  }
}

function tokenCondition(modifierText: string | undefined, pieces: string[]): SearchCondition {
  const modifier = modifierText ?? 'none';
  switch (modifier) {
    case 'text':
    case 'in':
    case 'not-in':
      return { type: 'token', modifier, values: pieces.map(text) };
    case 'of-type':
      return { type: 'token', modifier, values: pieces.map(parseOfTypeValue) };
    case 'not':
    case 'below':
    case 'above':
      return { type: 'token', modifier, values: pieces.map(parseTokenValue) };
    default:
      return { type: 'token', modifier: 'none', values: pieces.map(parseTokenValue) };
  }
}
