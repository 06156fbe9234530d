import type { ResourceToImport } from '@connector/contracts';
import { isBundleLocalReference } from './bundle-local-reference.util';
import { checkId, type CheckedResource } from './checked-resource.util';
import { contentId } from './entry-id.util';
import { ImportError, type ImportErrorLocation } from './import-error';
import { resourceWithId } from './resource-with-id.util';
import { rewriteReferences } from './rewrite-references.util';

/**
 * A resource outside any Bundle: keeps its id or gets a deterministic one from its content. Its references stay
 * as they are, except that a `urn:uuid:` reference can point at nothing here and is rejected.
 */
export function prepareStandalone(
  resource: CheckedResource,
  source: string,
  location: ImportErrorLocation = {},
): ResourceToImport {
  const id = resource.id === undefined ? contentId(resource) : checkId(resource.id, source, location);
  rewriteReferences(resource, (reference) => {
    if (isBundleLocalReference(reference)) {
      throw new ImportError(source, `reference "${reference}" cannot be resolved outside a Bundle`, location);
    }
    return undefined;
  });
  return resourceWithId(resource, id);
}
