import { v5 as uuidv5 } from 'uuid';

/**
 * UUIDv5 namespace of ids the importer makes up. Fixed forever: changing it would give every id-less resource a
 * new id on the next import and so duplicate it.
 */
export const IMPORT_ID_NAMESPACE = '6f043edd-a816-4173-bef8-3a2e1107fa68';

/** A stable FHIR id for `name` (a fullUrl or a resource's canonical JSON): the same input always gives the same id. */
export function deterministicId(name: string): string {
  return uuidv5(name, IMPORT_ID_NAMESPACE);
}
