import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { sharedDataFiles } from '@connector/shared-testing';
import type { Bundle, BundleEntry, Patient, Provenance } from 'fhir/r4';

/** One shared Synthea bundle, kept as text: every copy re-ids it with one pass over the text. */
export interface SyntheaTemplate {
  readonly source: string;
  readonly text: string;
}

/** A re-identified copy of a template, ready for `prepareImport`. */
export interface SyntheaCopy {
  readonly source: string;
  readonly bundle: Bundle;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Synthea's population seed is the generation time in epoch ms (SOURCES.md): the instant its exporter would have
 * recorded on the Provenance it writes in later versions.
 */
const SYNTHEA_EXPORT_TIME = new Date(1559319163074).toISOString();

const PARTICIPANT_TYPES = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';

/** The 20 shared Synthea bundles (read at run time from ../shared/data; a loud failure when missing). */
export function loadSyntheaTemplates(): SyntheaTemplate[] {
  return sharedDataFiles('synthea', '.json').map((file) => ({ source: basename(file), text: readFileSync(file, 'utf8') }));
}

/**
 * Copy `copy` of a template: every UUID in the text (resource ids, `urn:uuid:` fullUrls and references, Synthea's
 * identifier values) replaced by one derived from (copy, uuid) — so each copy is internally consistent and disjoint
 * from the others —, the patient's family name given a per-copy suffix (name searches stay selective), and one
 * Provenance targeting every entry (Synthea 2.4 writes none; later versions write exactly this one).
 */
export function syntheaCopy(template: SyntheaTemplate, copy: number): SyntheaCopy {
  const text = template.text.replace(UUID, (uuid) => copyUuid(copy, uuid.toLowerCase()));
  const bundle = JSON.parse(text) as Bundle;
  const entries = bundle.entry ?? [];
  for (const entry of entries) {
    if (entry.resource?.resourceType === 'Patient') {
      perturbNames(entry.resource as Patient, copy);
    }
  }
  entries.push(provenanceEntry(entries, copy));
  return { source: `${template.source}#${copy}`, bundle };
}

/** A deterministic UUID-shaped id for (copy, original): sha1 of both, laid out 8-4-4-4-12. */
function copyUuid(copy: number, original: string): string {
  const hex = createHash('sha1').update(`${copy}/${original}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Three letters from the copy number: a fixed width, so the full perturbed name is a prefix of itself only. */
export function copySuffix(copy: number): string {
  const letter = (n: number) => String.fromCharCode(97 + (n % 26));
  return `${letter(Math.floor(copy / 676))}${letter(Math.floor(copy / 26))}${letter(copy)}`;
}

function perturbNames(patient: Patient, copy: number): void {
  for (const name of patient.name ?? []) {
    if (name.family !== undefined) {
      name.family = `${name.family}${copySuffix(copy)}`;
    }
  }
}

/** A US Core style Provenance: author and transmitter the bundle's first Organization, every entry a target. */
function provenanceEntry(entries: readonly BundleEntry[], copy: number): BundleEntry {
  const organization = entries.find((entry) => entry.resource?.resourceType === 'Organization')?.fullUrl;
  const patient = entries.find((entry) => entry.resource?.resourceType === 'Patient')?.fullUrl;
  if (organization === undefined || patient === undefined) {
    throw new Error('a Synthea bundle without a Patient or Organization entry: cannot write its Provenance');
  }
  const id = copyUuid(copy, `provenance:${patient}`);
  const agent = (code: string) => ({
    type: { coding: [{ system: PARTICIPANT_TYPES, code }] },
    who: { reference: organization },
    onBehalfOf: { reference: organization },
  });
  const provenance: Provenance = {
    resourceType: 'Provenance',
    id,
    target: entries.flatMap((entry) => (entry.fullUrl === undefined ? [] : [{ reference: entry.fullUrl }])),
    recorded: SYNTHEA_EXPORT_TIME,
    agent: [agent('author'), agent('transmitter')],
  };
  return { fullUrl: `urn:uuid:${id}`, resource: provenance, request: { method: 'POST', url: 'Provenance' } };
}
