import type { Reference } from 'fhir/r4';
import type { TypedValue } from './fhirpath-evaluator';
import type { ReferenceIndexRow } from './index-rows.types';
import { parseReference } from './parse-reference.util';

function referenceRow(code: string, reference: Reference): ReferenceIndexRow | undefined {
  const target = reference.reference ? parseReference(reference.reference) : { targetType: null, targetId: null };
  const identifier = reference.identifier;
  if (!reference.reference && !identifier?.value) {
    return undefined; // display-only references point at nothing searchable
  }
  return {
    code,
    reference: reference.reference ?? null,
    targetType: target.targetType ?? reference.type ?? null,
    targetId: target.targetId,
    identifierSystem: identifier?.system ?? null,
    identifierValue: identifier?.value ?? null,
  };
}

function stringRow(code: string, reference: string): ReferenceIndexRow {
  return { code, reference, ...parseReference(reference), identifierSystem: null, identifierValue: null };
}

/**
 * Reference index rows: Reference (string, target type/id, identifier for `:identifier`), canonical/uri strings,
 * and inline resources (Bundle.entry[0].resource) by their own type and id.
 * See https://hl7.org/fhir/R4/search.html#reference
 */
export function referenceRows(code: string, value: TypedValue): ReferenceIndexRow[] {
  const { data } = value;
  if (typeof data === 'string') {
    return [stringRow(code, data)];
  }
  if (typeof data !== 'object' || data === null) {
    return [];
  }
  if ('resourceType' in data) {
    const resource = data as { resourceType: string; id?: string };
    return resource.id ? [stringRow(code, `${resource.resourceType}/${resource.id}`)] : [];
  }
  const row = referenceRow(code, data as Reference);
  return row ? [row] : [];
}
