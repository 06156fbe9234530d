import type { SearchParameterDefinition } from '@connector/fhir-search-parameters';
import type { ConditionContext } from './condition.parser';
import { parseDateValue } from './date-value.parser';
import { splitUnescaped, unescapeSearchValue } from './escape.util';
import { parseNumberValue, parseQuantityValue } from './number-value.parser';
import { parseReferenceValue } from './reference-value.parser';
import { findSearchParameter } from './search-parameter-lookup';
import { InvalidSearchValueError } from './search-query.errors';
import type { CompositePartValue, CompositeSearchValue } from './search-value.types';
import { parseTokenValue } from './token-value.parser';

/**
 * Parses `a$b` of a composite parameter, each part by the type of its component's parameter
 * (`code-value-quantity=http://loinc.org|2823-3$gt5.4|http://unitsofmeasure.org|mmol/L`).
 * See https://hl7.org/fhir/R4/search.html#composite
 */
export function parseCompositeValue(
  raw: string,
  definition: SearchParameterDefinition,
  context: ConditionContext,
): CompositeSearchValue {
  const components = definition.component ?? [];
  const parts = splitUnescaped(raw, '$');
  if (components.length === 0 || parts.length !== components.length) {
    throw new InvalidSearchValueError(`"${raw}" needs ${components.length} parts separated by $`);
  }
  return {
    type: 'composite',
    components: components.map((component, index) => {
      const part = findSearchParameter(context.lookup, definition.resourceType, component.code);
      if (!part) {
        throw new InvalidSearchValueError(`component "${component.code}" is not a known parameter`);
      }
      return { code: component.code, value: parsePart(parts[index], part, context) };
    }),
  };
}

function parsePart(raw: string, definition: SearchParameterDefinition, context: ConditionContext): CompositePartValue {
  if (raw === '') {
    throw new InvalidSearchValueError(`empty "${definition.code}" part`);
  }
  switch (definition.type) {
    case 'token':
      return parseTokenValue(raw);
    case 'date':
      return parseDateValue(raw);
    case 'number':
      return parseNumberValue(raw);
    case 'quantity':
      return parseQuantityValue(raw);
    case 'reference':
      return parseReferenceValue(raw, { definition, identifier: false, baseUrl: context.baseUrl });
    case 'string':
    case 'uri':
    case 'special':
    case 'composite':
      return { type: 'text', text: unescapeSearchValue(raw) };
  }
}
