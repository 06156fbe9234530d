import { FhirError } from '@connector/fhir-outcomes';

/** What a resource's meta says about its version: the inputs of ETag, Last-Modified and history entries. */
export interface ResourceVersion {
  readonly resourceType: string;
  readonly id: string;
  readonly versionId?: string;
  readonly lastUpdated?: string;
}

// The store writes `{"resourceType":…,"id":…,"meta":{"versionId":…,"lastUpdated":…` first (stored-content.util in
// @connector/fhir-store): one anchored match on the first bytes instead of parsing a resource we pass through.
const STORED_PREFIX =
  /^\{"resourceType":"([A-Za-z]{1,64})","id":"([A-Za-z0-9\-.]{1,64})","meta":\{"versionId":"([A-Za-z0-9\-.]{1,64})","lastUpdated":"([0-9T:.+\-Z]{1,40})"/;

/** The identity and version of a resource JSON text, read without parsing it unless it is not in stored form. */
export function resourceVersion(text: string): ResourceVersion {
  const match = STORED_PREFIX.exec(text);
  if (match !== null) {
    return { resourceType: match[1], id: match[2], versionId: match[3], lastUpdated: match[4] };
  }
  const { resourceType, id, meta } = JSON.parse(text) as {
    resourceType?: unknown;
    id?: unknown;
    meta?: { versionId?: unknown; lastUpdated?: unknown };
  };
  if (typeof resourceType !== 'string' || typeof id !== 'string') {
    throw FhirError.internal('A stored resource has no resourceType or id');
  }
  return {
    resourceType,
    id,
    ...(typeof meta?.versionId === 'string' ? { versionId: meta.versionId } : {}),
    ...(typeof meta?.lastUpdated === 'string' ? { lastUpdated: meta.lastUpdated } : {}),
  };
}
