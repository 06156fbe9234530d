import type { Bundle, BundleEntry, Resource } from 'fhir/r4';
import { demoPatientRecord } from './patient-record';
import { demoPractice } from './practice-resources';

export interface DemoBundleOptions {
  /** How many patients (1-1000); default 5. */
  readonly patients?: number;
  /** PRNG seed (a 32-bit integer); default 1. The same seed always gives byte-identical output. */
  readonly seed?: number;
}

export const DEFAULT_DEMO_PATIENTS = 5;
export const DEFAULT_DEMO_SEED = 1;

/**
 * A FHIR transaction Bundle of a small demo practice (an Organization, two Practitioners, a Location) and its
 * patients, shaped like Synthea output (`urn:uuid:` fullUrls and references) so it goes through the same import
 * path as real data. Every resource already has a deterministic UUID id, sent as `PUT Type/id`.
 * See https://hl7.org/fhir/R4/http.html#transaction
 */
export function generateDemoBundle(options: DemoBundleOptions = {}): Bundle {
  const patients = options.patients ?? DEFAULT_DEMO_PATIENTS;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isInteger(patients) || patients < 1 || patients > 1000) {
    throw new RangeError(`patients must be an integer from 1 to 1000, got ${patients}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer from 0 to ${0xffffffff}, got ${seed}`);
  }
  const practice = demoPractice(seed);
  const resources: Resource[] = [practice.organization, ...practice.practitioners, practice.location];
  for (let index = 0; index < patients; index++) {
    resources.push(...demoPatientRecord(seed, index, practice));
  }
  return { resourceType: 'Bundle', type: 'transaction', entry: resources.map(transactionEntry) };
}

function transactionEntry(resource: Resource): BundleEntry {
  const id = resource.id ?? '';
  return { fullUrl: `urn:uuid:${id}`, resource, request: { method: 'PUT', url: `${resource.resourceType}/${id}` } };
}
