import type { ComponentType } from './composite-components.util';
import { dateRows } from './date-rows.util';
import type { TypedValue } from './fhirpath-evaluator';
import type { IndexRow, UriIndexRow } from './index-rows.types';
import { numberRows, quantityRows } from './quantity-rows.util';
import { referenceRows } from './reference-rows.util';
import { stringRows } from './string-rows.util';
import { tokenRows } from './token-rows.util';

function uriRows(code: string, value: TypedValue): UriIndexRow[] {
  return typeof value.data === 'string' ? [{ code, value: value.data }] : [];
}

const ROWS_OF: Record<ComponentType, (code: string, value: TypedValue) => IndexRow[]> = {
  string: stringRows,
  token: tokenRows,
  date: dateRows,
  reference: referenceRows,
  quantity: quantityRows,
  number: numberRows,
  uri: uriRows,
};

/** The index rows of one selected value for a parameter of `type` (every type but composite and special). */
export function rowsOfType(type: ComponentType, code: string, value: TypedValue): IndexRow[] {
  return ROWS_OF[type](code, value);
}
