/** The target a reference string names, when it names one. */
export interface ReferenceTarget {
  readonly targetType: string | null;
  readonly targetId: string | null;
}

// [base/]Type/id[/_history/vid]: relative references and absolute ones whose path ends the same way (RESTful URLs).
const TYPED_REFERENCE = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/**
 * Splits a reference string into target type and id: `Patient/1`, `http://x/fhir/Patient/1/_history/2` → Patient, 1.
 * Contained (`#x`), `urn:uuid:` and other URLs name no type: both null, the string still indexes as is.
 * See https://hl7.org/fhir/R4/references.html#literal
 */
export function parseReference(reference: string): ReferenceTarget {
  const match = TYPED_REFERENCE.exec(reference);
  return match ? { targetType: match[1], targetId: match[2] } : { targetType: null, targetId: null };
}
