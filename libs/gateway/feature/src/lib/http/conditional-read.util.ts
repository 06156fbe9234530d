import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResourceVersion } from '../fhir/resource-version.util';

/** The weak ETag FHIR gives a version. See https://hl7.org/fhir/R4/http.html#versioning */
export function weakEtag(versionId: string): string {
  return `W/"${versionId}"`;
}

/**
 * Writes a read or vread: `ETag` and `Last-Modified` from the resource's meta, and a bodiless 304 when the client's
 * `If-None-Match` (or, without it, `If-Modified-Since`) says its copy is current. See
 * https://hl7.org/fhir/R4/http.html#cread and https://www.rfc-editor.org/rfc/rfc9110#section-13.1
 */
export function sendVersionedResource(
  request: FastifyRequest,
  reply: FastifyReply,
  text: string,
  version: ResourceVersion,
): FastifyReply {
  const etag = version.versionId === undefined ? undefined : weakEtag(version.versionId);
  const modified = version.lastUpdated === undefined ? undefined : Date.parse(version.lastUpdated);
  if (etag !== undefined) {
    void reply.header('etag', etag);
  }
  if (modified !== undefined && !Number.isNaN(modified)) {
    void reply.header('last-modified', new Date(modified).toUTCString());
  }
  if (isNotModified(request, etag, modified)) {
    return reply.code(304).send();
  }
  return reply.send(text);
}

function isNotModified(request: FastifyRequest, etag: string | undefined, modified: number | undefined): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    // Weak comparison: W/"3" and "3" name the same version.
    const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return etag !== undefined && (tags.includes('*') || tags.includes(etag.replace(/^W\//, '')));
  }
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifModifiedSince === undefined || modified === undefined || Number.isNaN(modified)) {
    return false;
  }
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have whole seconds: a version stored within the second the client saw is not newer.
  return !Number.isNaN(since) && Math.floor(modified / 1000) * 1000 <= since;
}
