/**
 * A deep copy of `value` in which every `reference` string (Reference.reference, at any depth: contained
 * resources, extensions, arrays) is replaced by what `resolve` returns for it; `undefined` keeps it as it is.
 * See https://hl7.org/fhir/R4/references.html
 */
export function rewriteReferences<T>(value: T, resolve: (reference: string) => string | undefined): T {
  return copy(value, resolve) as T;
}

function copy(value: unknown, resolve: (reference: string) => string | undefined): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => copy(item, resolve));
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    result[key] = key === 'reference' && typeof item === 'string' ? (resolve(item) ?? item) : copy(item, resolve);
  }
  return result;
}
