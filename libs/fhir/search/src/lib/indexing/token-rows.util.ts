import type { CodeableConcept, Coding, ContactPoint, Identifier } from 'fhir/r4';
import type { TypedValue } from './fhirpath-evaluator';
import type { TokenIndexRow } from './index-rows.types';
import { normalizeString } from './normalize-string.util';

interface TokenParts {
  system?: string | null;
  value?: string | null;
  text?: string | null;
  typeSystem?: string | null;
  typeCode?: string | null;
}

function row(code: string, parts: TokenParts): TokenIndexRow {
  return {
    code,
    system: parts.system ?? null,
    value: parts.value ?? null,
    text: parts.text ? normalizeString(parts.text) : null,
    typeSystem: parts.typeSystem ?? null,
    typeCode: parts.typeCode ?? null,
  };
}

function codingRow(code: string, coding: Coding): TokenIndexRow {
  return row(code, { system: coding.system, value: coding.code, text: coding.display });
}

function codeableConceptRows(code: string, concept: CodeableConcept): TokenIndexRow[] {
  const rows = (concept.coding ?? []).map((coding) => codingRow(code, coding));
  // CodeableConcept.text matches `:text` even when no coding carries it, so it gets a row of its own.
  return concept.text ? [...rows, row(code, { text: concept.text })] : rows;
}

function identifierRows(code: string, identifier: Identifier): TokenIndexRow[] {
  const base = { system: identifier.system, value: identifier.value, text: identifier.type?.text };
  const typeCodings = identifier.type?.coding ?? [];
  if (typeCodings.length === 0) {
    return [row(code, base)];
  }
  // One row per type coding so `:of-type=system|code|value` is a single-row match.
  return typeCodings.map((type) => row(code, { ...base, typeSystem: type.system, typeCode: type.code }));
}

function contactPointRow(code: string, contact: ContactPoint): TokenIndexRow {
  // The ContactPoint's system (phone, email…) is the closest thing it has to a token system.
  return row(code, { system: contact.system, value: contact.value });
}

const ROWS_BY_TYPE: Record<string, (code: string, data: object) => TokenIndexRow[]> = {
  Coding: (code, data) => [codingRow(code, data as Coding)],
  CodeableConcept: (code, data) => codeableConceptRows(code, data as CodeableConcept),
  Identifier: (code, data) => identifierRows(code, data as Identifier),
  ContactPoint: (code, data) => [contactPointRow(code, data as ContactPoint)],
};

/**
 * Token index rows for Coding, CodeableConcept, Identifier, ContactPoint and code/string/id/uri/boolean primitives.
 * See https://hl7.org/fhir/R4/search.html#token
 */
export function tokenRows(code: string, value: TypedValue): TokenIndexRow[] {
  const { data } = value;
  if (typeof data === 'string' || typeof data === 'boolean' || typeof data === 'number') {
    return [row(code, { value: String(data) })];
  }
  if (typeof data !== 'object' || data === null) {
    return [];
  }
  const rowsOf = value.type === undefined ? undefined : ROWS_BY_TYPE[value.type];
  return rowsOf ? rowsOf(code, data) : [];
}
