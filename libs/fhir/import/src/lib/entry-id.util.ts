import { canonicalJson } from '@connector/fhir-types';
import { checkId, isJsonObject, type CheckedResource } from './checked-resource.util';
import { deterministicId } from './deterministic-id.util';
import { ImportError, type ImportErrorLocation } from './import-error';

/** The parts of a Bundle entry that decide the stored id. */
export interface EntryIdSource {
  readonly resource: CheckedResource;
  readonly fullUrl?: string;
  readonly request?: unknown;
}

/**
 * The id a bundle entry's resource is stored under, in order of preference: the id it carries (Synthea UUIDs);
 * the id of a `PUT Type/id` request; the id inside an absolute RESTful fullUrl (`http://x/fhir/Patient/1`: FHIR
 * says fullUrl and id SHALL agree); a UUIDv5 of the fullUrl; a UUIDv5 of the resource's canonical JSON. The
 * generated ids are deterministic so importing the same file again updates instead of duplicating.
 * See https://hl7.org/fhir/R4/bundle.html#bundle-unique
 */
export function entryId(entry: EntryIdSource, source: string, location: ImportErrorLocation = {}): string {
  const { resource, fullUrl } = entry;
  const putId = putTargetId(entry.request, resource.resourceType, source, location);
  if (resource.id !== undefined) {
    const id = checkId(resource.id, source, location);
    if (putId !== undefined && putId !== id) {
      throw new ImportError(source, `resource id "${id}" does not match the PUT request id "${putId}"`, location);
    }
    return id;
  }
  if (putId !== undefined) {
    return putId;
  }
  if (fullUrl !== undefined) {
    return restfulId(fullUrl, resource.resourceType) ?? deterministicId(fullUrl);
  }
  return contentId(resource);
}

/** The deterministic id of a resource that has neither an id nor a fullUrl. */
export function contentId(resource: CheckedResource): string {
  return deterministicId(canonicalJson(resource));
}

const TYPE_AND_ID_PATH = /^(?:.*\/)?([A-Z][A-Za-z]+)\/([^/]+)$/;

/** `PUT Patient/123` (or an absolute URL ending so) → `123`; a conditional update `PUT Patient?x=y` has no id. */
function putTargetId(
  request: unknown,
  resourceType: string,
  source: string,
  location: ImportErrorLocation,
): string | undefined {
  if (!isJsonObject(request) || request['method'] !== 'PUT' || typeof request['url'] !== 'string') {
    return undefined;
  }
  const path = request['url'].split('?')[0] ?? '';
  const match = TYPE_AND_ID_PATH.exec(path);
  if (match === null) {
    return undefined;
  }
  const [, urlType, urlId] = match;
  if (urlType !== resourceType) {
    throw new ImportError(source, `PUT ${request['url']} does not match resource type ${resourceType}`, location);
  }
  return checkId(urlId, source, location);
}

const RESTFUL_URL = /^https?:\/\/.+\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

function restfulId(fullUrl: string, resourceType: string): string | undefined {
  const match = RESTFUL_URL.exec(fullUrl);
  return match !== null && match[1] === resourceType ? match[2] : undefined;
}
