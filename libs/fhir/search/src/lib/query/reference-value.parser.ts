import { isR4ResourceType } from '@connector/fhir-types';
import type { SearchParameterDefinition } from '@connector/fhir-search-parameters';
import { unescapeSearchValue } from './escape.util';
import { InvalidSearchValueError } from './search-query.errors';
import type { ReferenceSearchValue } from './search-value.types';
import { parseTokenValue } from './token-value.parser';

const ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;
const RELATIVE_PATTERN = /^([A-Za-z]+)\/([^/]+)(?:\/_history\/([^/]+))?$/;
const ABSOLUTE_PATTERN = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** How a reference value is read: the definition's targets, the `:Type` modifier and this server's base URL. */
export interface ReferenceValueContext {
  readonly definition: SearchParameterDefinition;
  readonly typeModifier?: string;
  readonly identifier: boolean;
  readonly baseUrl: string;
}

/**
 * Parses a reference value: `id`, `Type/id`, `Type/id/_history/v`, an absolute URL (local when on `baseUrl`),
 * or `system|value` under `:identifier`. See https://hl7.org/fhir/R4/search.html#reference
 */
export function parseReferenceValue(raw: string, context: ReferenceValueContext): ReferenceSearchValue {
  if (context.identifier) {
    const token = parseTokenValue(raw);
    return { type: 'reference', kind: 'identifier', system: token.system, value: token.code };
  }
  const value = unescapeSearchValue(raw);
  const base = context.baseUrl.replace(/\/+$/, '');
  const onThisServer = base !== '' && value.startsWith(`${base}/`);
  if (ABSOLUTE_PATTERN.test(value) && !onThisServer) {
    return { type: 'reference', kind: 'absolute', url: value };
  }
  return parseLocalReference(onThisServer ? value.slice(base.length + 1) : value, raw, context);
}

function parseLocalReference(value: string, raw: string, context: ReferenceValueContext): ReferenceSearchValue {
  const targets = context.definition.target ?? [];
  if (ID_PATTERN.test(value)) {
    const resourceType = context.typeModifier ?? (targets.length === 1 ? targets[0] : undefined);
    return { type: 'reference', kind: 'local', id: value, ...(resourceType ? { resourceType } : {}) };
  }
  const match = RELATIVE_PATTERN.exec(value);
  if (!match || !ID_PATTERN.test(match[2]) || (match[3] !== undefined && !ID_PATTERN.test(match[3]))) {
    throw new InvalidSearchValueError(`"${raw}" is not a reference (expected id, Type/id or an absolute URL)`);
  }
  const [, resourceType, id, version] = match;
  if (!isR4ResourceType(resourceType)) {
    throw new InvalidSearchValueError(`"${raw}": ${resourceType} is not a resource type`);
  }
  if (context.typeModifier !== undefined && context.typeModifier !== resourceType) {
    throw new InvalidSearchValueError(`"${raw}" is not a ${context.typeModifier}`);
  }
  if (targets.length > 0 && !targets.includes(resourceType)) {
    throw new InvalidSearchValueError(`"${raw}": ${resourceType} is not one of its target types (${targets.join(', ')})`);
  }
  return { type: 'reference', kind: 'local', resourceType, id, ...(version === undefined ? {} : { version }) };
}
