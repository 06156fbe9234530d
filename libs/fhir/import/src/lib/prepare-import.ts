import { checkResource } from './checked-resource.util';
import { preparedImport, type PreparedImport } from './prepared-import';
import { prepareBundle } from './prepare-bundle';
import { prepareStandalone } from './prepare-standalone';

/**
 * Prepares one parsed JSON document for import: a Bundle (its entries' resources, `urn:uuid:` fullUrls resolved to
 * stored ids and references rewritten to `Type/id`) or a single resource. Pure: no I/O. Throws an
 * {@link ImportError} naming `source` and the entry index on the first problem, so a file is imported whole or not
 * at all. See https://hl7.org/fhir/R4/bundle.html#references
 */
export function prepareImport(document: unknown, source: string): PreparedImport {
  const resource = checkResource(document, source);
  if (resource.resourceType === 'Bundle') {
    return preparedImport(source, prepareBundle(resource, source));
  }
  return preparedImport(source, [prepareStandalone(resource, source)]);
}
