import { weakEtag } from '../http/conditional-read.util';
import { resourceVersion } from './resource-version.util';

/** What an instance-history Bundle is made of. */
export interface HistoryBundleInput {
  readonly id: string;
  readonly lastUpdated: string;
  /** The canonical FHIR base URL (`…/fhir`), whichever alias the request came in on. */
  readonly fhirBase: string;
  readonly resourceType: string;
  readonly resourceId: string;
  /** The versions as stored JSON texts, newest first. */
  readonly versions: readonly string[];
}

/**
 * The `history` Bundle of one resource, as JSON text concatenated around the stored version texts. The store only
 * ever creates (version 1) or updates (later versions): each entry says so in `request` and `response`, as R4's
 * history interaction asks. See https://hl7.org/fhir/R4/http.html#history and https://hl7.org/fhir/R4/bundle.html
 */
export function buildHistoryBundle(input: HistoryBundleInput): string {
  const path = `${input.resourceType}/${input.resourceId}`;
  const fullUrl = `${input.fhirBase}/${path}`;
  const head = [
    `"resourceType":"Bundle"`,
    `"id":${JSON.stringify(input.id)}`,
    `"meta":{"lastUpdated":${JSON.stringify(input.lastUpdated)}}`,
    `"type":"history"`,
    `"total":${input.versions.length}`,
    `"link":${JSON.stringify([{ relation: 'self', url: `${fullUrl}/_history` }])}`,
  ];
  if (input.versions.length > 0) {
    head.push(
      `"entry":[${input.versions.map((text) => historyEntry(fullUrl, input.resourceType, path, text)).join(',')}]`,
    );
  }
  return `{${head.join(',')}}`;
}

function historyEntry(fullUrl: string, resourceType: string, path: string, text: string): string {
  const { versionId, lastUpdated } = resourceVersion(text);
  const created = versionId === '1';
  const request = { method: created ? 'POST' : 'PUT', url: created ? resourceType : path };
  const response = {
    status: created ? '201 Created' : '200 OK',
    ...(versionId === undefined ? {} : { etag: weakEtag(versionId) }),
    ...(lastUpdated === undefined ? {} : { lastModified: lastUpdated }),
  };
  return `{"fullUrl":${JSON.stringify(fullUrl)},"resource":${text},"request":${JSON.stringify(request)},"response":${JSON.stringify(response)}}`;
}
