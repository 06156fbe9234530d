/** meta.versionId and meta.lastUpdated belong to the server: the store sets them, whatever a client sent. */
const SERVER_META_ELEMENTS: ReadonlySet<string> = new Set(['versionId', 'lastUpdated']);

/** The elements of a resource's meta that the client controls (profile, security, tag, source...). */
export function clientMeta(meta: unknown): Record<string, unknown> {
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    return {};
  }
  return Object.fromEntries(Object.entries(meta).filter(([element]) => !SERVER_META_ELEMENTS.has(element)));
}
