import type { Reference, Resource } from 'fhir/r4';
import { DEMO_TAG } from './demo-codes.constants';

/** A bundle-local reference (`urn:uuid:<id>`), as a transaction bundle writes it before the server assigns ids. */
export function localReference(resource: Resource, display?: string): Reference {
  if (resource.id === undefined) {
    throw new Error(`Demo ${resource.resourceType} has no id`);
  }
  return display === undefined
    ? { reference: `urn:uuid:${resource.id}` }
    : { reference: `urn:uuid:${resource.id}`, display };
}

/** The `meta` of every demo resource. */
export function demoMeta(): { tag: [typeof DEMO_TAG] } {
  return { tag: [{ ...DEMO_TAG }] };
}
