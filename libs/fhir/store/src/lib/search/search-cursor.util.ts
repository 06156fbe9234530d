import { FhirError } from '@connector/fhir-outcomes';

/** A sort value as the drivers hand it back: text, a number, a bigint as text (pg), or null (no value). */
export type SortValue = string | number | null;

/** Which side of the cursor's row a page lies on: `after` for a `next` link, `before` for a `previous` one. */
export type CursorDirection = 'after' | 'before';

/** Where a page ended (or began): a boundary row's sort values and id, and which sort they belong to. */
export interface SearchCursor {
  /** `resourceType` and the sort keys (`birthdate,-name`): a cursor only continues the search it came from. */
  readonly key: string;
  readonly values: readonly SortValue[];
  readonly id: string;
  readonly direction: CursorDirection;
}

/** Encodes a cursor as opaque base64url JSON. */
export function encodeCursor(cursor: SearchCursor): string {
  const fields = [cursor.key, cursor.values, cursor.id, cursor.direction === 'before' ? 'b' : 'a'];
  return Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
}

const isSortValue = (value: unknown): value is SortValue =>
  value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/**
 * Decodes a cursor made by {@link encodeCursor} for the search `key` with `sortKeyCount` keys; anything else
 * (garbage, tampering, another search's cursor) is a 400.
 */
export function decodeCursor(text: string, key: string, sortKeyCount: number): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    parsed[0] !== key ||
    !Array.isArray(parsed[1]) ||
    parsed[1].length !== sortKeyCount ||
    !parsed[1].every(isSortValue) ||
    typeof parsed[2] !== 'string' ||
    (parsed[3] !== 'a' && parsed[3] !== 'b')
  ) {
    throw FhirError.badRequest('Invalid paging cursor: it does not continue this search');
  }
  return { key, values: parsed[1] as SortValue[], id: parsed[2], direction: parsed[3] === 'b' ? 'before' : 'after' };
}
