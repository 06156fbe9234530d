import { FhirError } from '@connector/fhir-outcomes';
import { jsonNumber } from './json-number.util';
import type { Member } from './r4-element-table';

/**
 * The JSON value of a (decoded) `value` attribute, typed by the element's primitive type; numbers as
 * {@link jsonNumber}s, so decimals keep their text.
 * See https://hl7.org/fhir/R4/json.html#primitive
 */
export function primitiveValue(text: string, member: Member, path: string): unknown {
  if (text === '') {
    throw FhirError.badRequest(`${path} has an empty value (FHIR attributes cannot be empty)`);
  }
  switch (member.jsonKind) {
    case 'string':
      return text;
    case 'boolean':
      if (text.trim() !== 'true' && text.trim() !== 'false') {
        throw FhirError.badRequest(`${path} must be true or false, not ${JSON.stringify(text)}`);
      }
      return text.trim() === 'true';
    case 'integer':
      return number(text.trim().replace(/^\+/, ''), /^-?\d+$/, path);
    case 'decimal':
      return number(text.trim(), /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/, path);
  }
}

function number(text: string, pattern: RegExp, path: string): string {
  if (!pattern.test(text)) {
    throw FhirError.badRequest(`${path} is not a valid number: ${JSON.stringify(text)}`);
  }
  return jsonNumber(text);
}
