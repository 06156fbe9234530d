import type { ResourceToImport } from '@connector/contracts';
import { syntheaBundleFiles, syntheaImport } from './synthea-import';

/**
 * Every resource of the 20 shared Synthea bundles (references rewritten to Type/id, as imported), plus the
 * independent arithmetic the search specs compute their expected results with — from the raw JSON, never
 * through the indexer or the search engine.
 */
export interface SyntheaCorpus {
  readonly resources: ResourceToImport[];
  ofType<T>(resourceType: string): T[];
}

export function loadSyntheaCorpus(): SyntheaCorpus {
  const resources = syntheaBundleFiles().flatMap((file) => syntheaImport(file).resources);
  return {
    resources,
    ofType: <T>(resourceType: string) => resources.filter((resource) => resource.resourceType === resourceType) as T[],
  };
}

/** Sorted distinct ids, to compare sets. */
export function idSet(resources: Iterable<{ id?: string }>): string[] {
  return [...new Set([...resources].map((resource) => resource.id as string))].sort();
}

/** `Type/id` of a resource. */
export const keyOf = (resource: { resourceType: string; id: string }): string =>
  `${resource.resourceType}/${resource.id}`;

/** Sorted `Type/id` of stored JSON texts. */
export function keysOf(contents: readonly string[] = []): string[] {
  return contents.map((text) => keyOf(JSON.parse(text) as { resourceType: string; id: string })).sort();
}

/** Ids of stored JSON texts, in order. */
export function idsOf(contents: readonly string[]): string[] {
  return contents.map((content) => (JSON.parse(content) as { id: string }).id);
}

const MS = { second: 1000, minute: 60_000 };

/**
 * The [low, high) epoch-ms range a FHIR date/dateTime/instant string covers at its precision (no zone = UTC),
 * written out by hand from https://hl7.org/fhir/R4/datatypes.html#dateTime.
 */
export function dateRangeOf(text: string): [number, number] {
  const [datePart, timePart] = text.split('T');
  const [year, month, day] = datePart.split('-').map(Number);
  if (timePart === undefined) {
    if (month === undefined) {
      return [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)];
    }
    if (day === undefined) {
      return [Date.UTC(year, month - 1, 1), Date.UTC(year, month, 1)];
    }
    return [Date.UTC(year, month - 1, day), Date.UTC(year, month - 1, day + 1)];
  }
  const start = Date.parse(text);
  const fraction = /\.(\d+)/.exec(timePart)?.[1];
  const width =
    fraction === undefined ? (timePart.split(':').length === 3 ? MS.second : MS.minute) : 10 ** (3 - fraction.length);
  return [start, start + Math.max(width, 1)];
}
