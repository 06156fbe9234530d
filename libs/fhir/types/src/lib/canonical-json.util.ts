/**
 * JSON with every object's keys in sorted order (arrays keep their order), so two resources with the same
 * content serialize identically whatever order their keys arrived in. Key order is JavaScript's default sort
 * (UTF-16 code units), as in RFC 8785.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (isPlainObject(item) ? sortedCopy(item) : item));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sortedCopy(object: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) {
    sorted[key] = object[key];
  }
  return sorted;
}
