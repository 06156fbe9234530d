import { FhirError } from '@connector/fhir-outcomes';

/** Type and id of a resource, for its Bundle entry's fullUrl. */
export interface ResourceIdentity {
  readonly resourceType: string;
  readonly id: string;
}

// The store writes `{"resourceType":…,"id":…` first (stored-content.util in @connector/fhir-store), so the common
// case costs one anchored match on the text's first bytes instead of parsing a resource we only pass through.
const STORED_PREFIX = /^\{"resourceType":"([A-Za-z]{1,64})","id":"([A-Za-z0-9\-.]{1,64})"/;

/** The resourceType and id of a resource JSON text, read without parsing it unless it is not in stored form. */
export function resourceIdentity(text: string): ResourceIdentity {
  const match = STORED_PREFIX.exec(text);
  if (match !== null) {
    return { resourceType: match[1], id: match[2] };
  }
  const { resourceType, id } = JSON.parse(text) as { resourceType?: unknown; id?: unknown };
  if (typeof resourceType !== 'string' || typeof id !== 'string') {
    throw FhirError.internal('A search match has no resourceType or id');
  }
  return { resourceType, id };
}
