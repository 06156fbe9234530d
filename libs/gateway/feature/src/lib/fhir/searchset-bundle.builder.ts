import type { OperationOutcome } from 'fhir/r4';
import type { SearchResourcesReply } from '@connector/contracts';
import { resourceIdentity } from './resource-identity.util';
import { searchUrl } from './search-url.util';

/** The parameter of a `next` link that carries the service's page cursor back to it. */
export const CURSOR_PARAMETER = '_cursor';

/** What a searchset Bundle is made of, besides the service's reply. */
export interface SearchsetBundleInput {
  readonly id: string;
  readonly lastUpdated: string;
  /** The canonical FHIR base URL (`…/fhir`): links and fullUrls use it whichever alias the request came in on. */
  readonly fhirBase: string;
  /** What the links search, after the base: `Observation`, or `Patient/1/Observation` for a compartment search. */
  readonly searchPath: string;
  readonly reply: SearchResourcesReply;
  /** `_include` / `_revinclude` results from every service (`reply.included` when omitted); duplicates dropped. */
  readonly included?: readonly string[];
}

/**
 * The `searchset` Bundle of one page, as JSON text concatenated around the services' resource texts: a page of
 * resources is never parsed and re-serialized on its way through the gateway. Lenient-mode warnings become one
 * `search.mode = outcome` entry. See https://hl7.org/fhir/R4/bundle.html#searchset and
 * https://hl7.org/fhir/R4/search.html#errors
 */
export function buildSearchsetBundle(input: SearchsetBundleInput): string {
  const { reply, fhirBase, searchPath } = input;
  const head = [
    `"resourceType":"Bundle"`,
    `"id":${JSON.stringify(input.id)}`,
    `"meta":{"lastUpdated":${JSON.stringify(input.lastUpdated)}}`,
    `"type":"searchset"`,
  ];
  if (reply.total !== undefined) {
    head.push(`"total":${reply.total}`);
  }
  head.push(`"link":${JSON.stringify(searchLinks(fhirBase, searchPath, reply))}`);
  const entries = [
    ...outcomeEntries(reply.warnings),
    ...reply.resources.map((text) => entry(fhirBase, text, 'match')),
    ...includeEntries(fhirBase, reply.resources, input.included ?? reply.included ?? []),
  ];
  // FHIR forbids empty arrays: a page without entries has no `entry` element.
  if (entries.length > 0) {
    head.push(`"entry":[${entries.join(',')}]`);
  }
  return `{${head.join(',')}}`;
}

function searchLinks(fhirBase: string, searchPath: string, reply: SearchResourcesReply) {
  const links = [{ relation: 'self', url: searchUrl(fhirBase, searchPath, reply.canonicalParams) }];
  const pageLink = (relation: string, cursor: string | undefined) => {
    if (cursor !== undefined) {
      const params: [string, string][] = [...reply.canonicalParams, [CURSOR_PARAMETER, cursor]];
      links.push({ relation, url: searchUrl(fhirBase, searchPath, params) });
    }
  };
  pageLink('next', reply.nextCursor);
  pageLink('previous', reply.previousCursor);
  return links;
}

function entry(fhirBase: string, text: string, mode: 'match' | 'include'): string {
  const { resourceType, id } = resourceIdentity(text);
  const fullUrl = JSON.stringify(`${fhirBase}/${resourceType}/${id}`);
  return `{"fullUrl":${fullUrl},"resource":${text},"search":{"mode":"${mode}"}}`;
}

/** Each included resource once, and none that is already a match. See https://hl7.org/fhir/R4/search.html#include */
function includeEntries(fhirBase: string, matches: readonly string[], included: readonly string[]): string[] {
  const key = (text: string) => {
    const { resourceType, id } = resourceIdentity(text);
    return `${resourceType}/${id}`;
  };
  const seen = new Set(matches.map(key));
  return included.flatMap((text) => {
    const identity = key(text);
    if (seen.has(identity)) {
      return [];
    }
    seen.add(identity);
    return [entry(fhirBase, text, 'include')];
  });
}

function outcomeEntries(warnings: readonly string[]): string[] {
  if (warnings.length === 0) {
    return [];
  }
  const outcome: OperationOutcome = {
    resourceType: 'OperationOutcome',
    issue: warnings.map((text) => ({ severity: 'warning', code: 'not-supported', details: { text } })),
  };
  return [JSON.stringify({ resource: outcome, search: { mode: 'outcome' } })];
}
