import { performance } from 'node:perf_hooks';
import type { BenchStore } from './bench-stores';

/** One change proposed for the store's PostgreSQL migrations, tried here by hand first. */
export interface ProposedChange {
  readonly name: string;
  /** The DDL, for a schema-qualifying function (names are constants of this file, never input). */
  readonly ddl: (table: (name: string) => string) => string;
  readonly why: string;
}

/**
 * EXPERIMENT — not the store's schema. Changes proposed for the store's PostgreSQL migrations, applied by hand to
 * the benchmark's scratch schema after the import, to measure what they would change before anyone edits a
 * migration (see the README of tools/bench for the figures).
 */
export const INDEX_EXPERIMENT: readonly ProposedChange[] = [
  {
    name: 'CREATE STATISTICS fhir_index_token (resource_type, code, value)',
    ddl: (table) =>
      `CREATE STATISTICS ${table('exp_stat_token_type_code_value')} (mcv, dependencies) ` +
      `ON "resource_type", "code", "value" FROM ${table('fhir_index_token')}`,
    why:
      'the planner multiplies the selectivities of resource_type, code and value as if independent (a code belongs ' +
      'to one type; `intent=order` is most MedicationRequests): it estimates 1 row for 2,700 and drives the ' +
      'patient+intent+status search from the token side, reading and sorting every order with its content',
  },
  {
    name: 'CREATE STATISTICS fhir_index_reference (resource_type, code, target_type)',
    ddl: (table) =>
      `CREATE STATISTICS ${table('exp_stat_reference_type_code_target')} (mcv, dependencies) ` +
      `ON "resource_type", "code", "target_type" FROM ${table('fhir_index_reference')}`,
    why: 'the same correlation on reference rows (`patient` is always a Patient reference)',
  },
  {
    name: 'CREATE STATISTICS fhir_index_date (resource_type, code)',
    ddl: (table) =>
      `CREATE STATISTICS ${table('exp_stat_date_type_code')} (mcv, dependencies) ` +
      `ON "resource_type", "code" FROM ${table('fhir_index_date')}`,
    why: 'the same correlation on date rows',
  },
  {
    name: 'DROP INDEX idx_fhir_index_reference_lookup',
    ddl: (table) => `DROP INDEX ${table('idx_fhir_index_reference_lookup')}`,
    why:
      'every search equality on (resource_type, code, target_type, target_id) is served as well by ' +
      'idx_fhir_index_reference_target, which _revinclude needs anyway: one B-tree less per reference row on import',
  },
];

/** Applies the changes to the store's scratch schema; returns how long that took (ms). */
export async function applyIndexExperiment(store: BenchStore): Promise<number> {
  const table = (name: string) => `"${store.schema}"."${name}"`;
  const started = performance.now();
  for (const change of INDEX_EXPERIMENT) {
    await store.dataSource.query(change.ddl(table));
  }
  return performance.now() - started;
}
