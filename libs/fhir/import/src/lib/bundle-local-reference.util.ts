/**
 * `urn:uuid:` and `urn:oid:` references only mean something inside the Bundle that defines them; one that no
 * entry's fullUrl matches can never be resolved later. See https://hl7.org/fhir/R4/bundle.html#references
 */
export function isBundleLocalReference(reference: string): boolean {
  return /^urn:(uuid|oid):/i.test(reference);
}
