/**
 * Every `reference` string in a FHIR JSON value, at any depth — a test oracle that walks the raw JSON itself instead
 * of trusting the code under test.
 */
export function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(referencesIn);
  }
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  return Object.entries(value).flatMap(([key, item]) =>
    key === 'reference' && typeof item === 'string' ? [item] : referencesIn(item),
  );
}
