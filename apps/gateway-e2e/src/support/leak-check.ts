import type { Bundle, BundleEntry } from 'fhir/r4';
import { referencesIn } from '@connector/shared-testing';

/*
 * What counts as a leak in one response: an entry that is a forbidden resource, a returned resource that points at
 * one, or — checked on the raw text, so no parser can hide it — a forbidden id anywhere in the entries.
 */

/** `Type/id` of a reference, relative or absolute (`…/fhir/Observation/1`); undefined for urn:, #contained, etc. */
export function referenceKey(reference: string): string | undefined {
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

const entryKey = (entry: BundleEntry): string => `${entry.resource?.resourceType}/${entry.resource?.id}`;

/** Every forbidden `Type/id` a searchset Bundle reveals, each with where it was seen. */
export function leaksInBundle(bundle: Bundle, forbidden: ReadonlySet<string>): string[] {
  return (bundle.entry ?? []).flatMap((entry) => leaksInResource(entry.resource, forbidden, entryKey(entry)));
}

/** Every forbidden `Type/id` one resource is or references. */
export function leaksInResource(resource: unknown, forbidden: ReadonlySet<string>, where: string): string[] {
  const self = resource as { resourceType?: string; id?: string } | undefined;
  const leaks = forbidden.has(`${self?.resourceType}/${self?.id}`) ? [`${where} is forbidden`] : [];
  for (const reference of referencesIn(resource)) {
    const key = referenceKey(reference);
    if (key !== undefined && forbidden.has(key)) {
      leaks.push(`${where} references ${key}`);
    }
  }
  return leaks;
}

/**
 * Forbidden ids found in the entries of a response: JSON entries, or an XML Bundle from its first `<entry>` on (its
 * links, which echo the query, come before; the query may name what it looks for). Only ids long enough to be unique
 * (Synthea's UUIDs) are searched for.
 */
export function forbiddenIdsInEntries(body: string | Bundle, forbiddenIds: readonly string[]): string[] {
  const text =
    typeof body === 'string' ? body.slice(Math.max(0, body.indexOf('<entry>'))) : JSON.stringify(body.entry ?? []);
  if (typeof body === 'string' && !body.includes('<entry>')) {
    return [];
  }
  return forbiddenIds.filter((id) => id.length >= 16 && text.includes(id));
}
