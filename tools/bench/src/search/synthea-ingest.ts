import { performance } from 'node:perf_hooks';
import { RESOURCE_SERVICE_SUBJECTS, type ImportResourcesRequest } from '@connector/contracts';
import { type ImportClients, prepareImport, sendPreparedImport } from '@connector/fhir-import';
import type { BenchStores } from './bench-stores';
import { type PatientFacts, patientFacts } from './patient-facts';
import { syntheaCopy, type SyntheaTemplate } from './synthea-copies';

/** One round = one re-id'd copy of every template (or fewer, when the target was reached inside it). */
export interface IngestRound {
  readonly copy: number;
  readonly resources: number;
  readonly importMs: number;
}

export interface IngestResult {
  /** Resources sent, per owning service. */
  readonly byService: Record<string, number>;
  /** Resources the services created, per service (copies of one Organization in several bundles count once). */
  readonly createdByService: Record<string, number>;
  readonly resources: number;
  readonly patients: PatientFacts[];
  /** prepareImport + sendPreparedImport (what `connector import` and the services do): wall clock of the rounds. */
  readonly importMs: number;
  /** Making the copies (re-id over the text, JSON.parse): the benchmark's own work, not counted in the rate. */
  readonly generateMs: number;
  readonly rounds: IngestRound[];
}

/**
 * `sendPreparedImport`'s clients answering in this process: each request goes to the service's
 * `ResourceService.importResources`, the method its NATS handler delegates to. Only the wire (NATS, JSON and DTO
 * validation) is missing.
 */
function inProcessClients(stores: BenchStores): ImportClients {
  return {
    get: (service) => ({
      request: async <T extends object>(subject: string, payload: object, replyType: new () => T): Promise<T> => {
        if (subject !== RESOURCE_SERVICE_SUBJECTS[service].importResources) {
          throw new Error(`the bench answers import requests only, not ${subject}`);
        }
        const reply = await stores.get(service).resources.importResources(payload as ImportResourcesRequest);
        return Object.assign(new replyType(), reply);
      },
    }),
  };
}

/** Mutable totals while ingesting. */
class IngestTally {
  readonly byService: Record<string, number> = {};
  readonly createdByService: Record<string, number> = {};
  readonly patients: PatientFacts[] = [];
  readonly rounds: IngestRound[] = [];
  importMs = 0;
  generateMs = 0;

  count(service: string): number {
    return this.byService[service] ?? 0;
  }

  created(service: string): number {
    return this.createdByService[service] ?? 0;
  }

  result(): IngestResult {
    const resources = Object.values(this.byService).reduce((sum, count) => sum + count, 0);
    const { byService, createdByService, patients, importMs, generateMs, rounds } = this;
    return { byService, createdByService, resources, patients, importMs, generateMs, rounds };
  }
}

/** Imports one re-id'd bundle and adds it to the tally; returns the ms spent making the copy. */
async function ingestBundle(template: SyntheaTemplate, copy: number, clients: ImportClients, tally: IngestTally) {
  const generated = performance.now();
  const { source, bundle } = syntheaCopy(template, copy);
  const generateMs = performance.now() - generated;
  const prepared = prepareImport(bundle, source);
  const result = await sendPreparedImport(clients, prepared);
  for (const [service, resources] of prepared.byService) {
    tally.byService[service] = tally.count(service) + resources.length;
    tally.createdByService[service] = tally.created(service) + (result.byService.get(service)?.created ?? 0);
  }
  tally.patients.push(...patientFacts(prepared.resources));
  return { generateMs, resources: prepared.resources.length };
}

/**
 * Imports copy `copy` of each template until `done()`: one bundle after the other as `connector import` does
 * (`concurrency` 1), or that many bundles in flight (several imports at once). The round's import time is its wall
 * clock less the time spent making copies (synchronous: nothing of this process runs meanwhile).
 */
async function ingestRound(
  templates: readonly SyntheaTemplate[],
  copy: number,
  clients: ImportClients,
  tally: IngestTally,
  done: () => boolean,
  concurrency: number,
): Promise<void> {
  const round = { copy, resources: 0, importMs: 0 };
  const started = performance.now();
  let generateMs = 0;
  let next = 0;
  const worker = async () => {
    while (next < templates.length && !done()) {
      const bundle = await ingestBundle(templates[next++], copy, clients, tally);
      generateMs += bundle.generateMs;
      round.resources += bundle.resources;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  round.importMs = performance.now() - started - generateMs;
  tally.generateMs += generateMs;
  tally.importMs += round.importMs;
  tally.rounds.push(round);
}

/** When an ingest stops: once the `chart` store (the one searched) holds that many more resources, or after whole rounds. */
export type IngestTarget = { readonly chartResources: number } | { readonly rounds: number };

/**
 * Imports re-id'd copies of the Synthea templates, copy `firstCopy` first (later calls with a higher `firstCopy` add
 * disjoint patients), until `target` is reached.
 */
export async function ingestSynthea(
  templates: readonly SyntheaTemplate[],
  stores: BenchStores,
  target: IngestTarget,
  firstCopy = 0,
  concurrency = 1,
  onRound?: (round: IngestRound) => void,
): Promise<IngestResult> {
  const clients = inProcessClients(stores);
  const tally = new IngestTally();
  const done = () =>
    'chartResources' in target ? tally.created('chart') >= target.chartResources : tally.rounds.length >= target.rounds;
  for (let copy = firstCopy; !done(); copy++) {
    await ingestRound(templates, copy, clients, tally, () => 'chartResources' in target && done(), concurrency);
    onRound?.(tally.rounds[tally.rounds.length - 1]);
  }
  return tally.result();
}

/** Resources per second of an ingest (import path only). */
export function ingestRate(result: Pick<IngestResult, 'resources' | 'importMs'>): number {
  return result.resources / (result.importMs / 1000);
}
