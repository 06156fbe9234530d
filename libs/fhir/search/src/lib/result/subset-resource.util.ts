import { R4_ELEMENT_TABLES } from '@connector/fhir-types';
import type { SearchSummary } from '../query/search-request.types';

/** The tag every subsetted resource carries. See https://hl7.org/fhir/R4/search.html#summary */
export const SUBSETTED_TAG = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
  display: 'Resource encoded in summary mode',
} as const;

/** The result parameters that shape returned resources. */
export interface SubsetParameters {
  readonly summary?: SearchSummary;
  readonly elements?: readonly string[];
}

type Json = Record<string, unknown>;

/** Always kept: without them a subsetted resource could not be identified or told apart from a full one. */
const ALWAYS_KEPT = ['resourceType', 'id', 'meta'];

/**
 * How to subset the resources of a search page, as a function over stored JSON texts, or undefined when nothing is
 * to be subsetted (the hot path: texts pass through unparsed). `_elements` names top-level elements (mandatory ones
 * are kept too, as the spec asks) and wins over `_summary` for matches; included resources are subject to
 * `_summary` only (https://hl7.org/fhir/R4/search.html#elements: "_elements … does not apply to included
 * resources"). `_summary=count` returns no resources, so it subsets nothing here.
 * See https://hl7.org/fhir/R4/search.html#summary
 */
export function resourceSubsetter(
  parameters: SubsetParameters,
  target: 'match' | 'include',
): ((text: string) => string) | undefined {
  const { summary, elements } = parameters;
  if (target === 'match' && elements !== undefined) {
    return (text) => JSON.stringify(subsetResource(JSON.parse(text) as Json, { elements }));
  }
  if (summary === 'true' || summary === 'text' || summary === 'data') {
    return (text) => JSON.stringify(subsetResource(JSON.parse(text) as Json, { summary }));
  }
  return undefined;
}

/** A copy of `resource` with only the elements `_summary` / `_elements` select, tagged SUBSETTED. */
export function subsetResource(resource: Json, parameters: SubsetParameters): Json {
  const keep = keptElements(String(resource['resourceType']), parameters);
  const subset: Json = {};
  for (const [key, value] of Object.entries(resource)) {
    // `_birthDate` (a primitive's id/extensions) travels with `birthDate`.
    const name = key.startsWith('_') ? key.slice(1) : key;
    if (keep(name)) {
      subset[key] = value;
    }
  }
  return { ...subset, meta: tagged(resource['meta']) };
}

function keptElements(resourceType: string, { summary, elements }: SubsetParameters): (name: string) => boolean {
  const table = R4_ELEMENT_TABLES[resourceType] ?? { summary: [], mandatory: [] };
  if (elements !== undefined) {
    return matcher([...ALWAYS_KEPT, ...table.mandatory, ...elements]);
  }
  switch (summary) {
    case 'data':
      return (name) => name !== 'text';
    case 'text':
      return matcher([...ALWAYS_KEPT, 'text', ...table.mandatory]);
    case 'true':
      return matcher([...ALWAYS_KEPT, ...table.summary]);
    case 'count':
    case 'false':
    case undefined:
      return () => true;
  }
}

/** Element names to a predicate; a choice element `value[x]` matches `valueQuantity`, `valueString`… */
function matcher(names: readonly string[]): (name: string) => boolean {
  const exact = new Set(names);
  const choices = names.filter((name) => name.endsWith('[x]')).map((name) => name.slice(0, -3));
  return (name) =>
    exact.has(name) || choices.some((prefix) => name.startsWith(prefix) && /^[A-Z]/.test(name.slice(prefix.length)));
}

function tagged(meta: unknown): Json {
  const current = typeof meta === 'object' && meta !== null ? (meta as Json) : {};
  const tags = Array.isArray(current['tag']) ? (current['tag'] as Json[]) : [];
  const present = tags.some((tag) => tag['system'] === SUBSETTED_TAG.system && tag['code'] === SUBSETTED_TAG.code);
  return { ...current, tag: present ? tags : [...tags, { ...SUBSETTED_TAG }] };
}
