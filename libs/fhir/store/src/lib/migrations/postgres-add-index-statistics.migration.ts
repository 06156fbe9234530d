import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaPrefix } from './schema-prefix.util';

/**
 * PostgreSQL: extended statistics on the index tables' leading columns. The planner otherwise multiplies the
 * selectivities of resource_type, code and value as if they were independent (a code belongs to one type, a value
 * to one code), estimating 1 row where thousands match; e.g. it drove MedicationRequest patient+intent+status from
 * the token side, reading and sorting every order. Measured by `npm run bench -- search` (tools/bench/README.md):
 * that query's p50 went from 132 to 10 ms on 100k resources. Statistics are planner data only: no rows change.
 */
const STATISTICS = [
  ['stat_fhir_index_token_type_code_value', 'fhir_index_token', '"resource_type", "code", "value"'],
  ['stat_fhir_index_reference_type_code_target', 'fhir_index_reference', '"resource_type", "code", "target_type"'],
  ['stat_fhir_index_date_type_code', 'fhir_index_date', '"resource_type", "code"'],
] as const;

export class AddIndexStatisticsPostgres1796300000000 implements MigrationInterface {
  readonly name = 'AddIndexStatisticsPostgres1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaPrefix(queryRunner);
    for (const [name, table, columns] of STATISTICS) {
      await queryRunner.query(
        `CREATE STATISTICS ${schema}"${name}" (mcv, dependencies) ON ${columns} FROM ${schema}"${table}"`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaPrefix(queryRunner);
    for (const [name] of [...STATISTICS].reverse()) {
      await queryRunner.query(`DROP STATISTICS ${schema}"${name}"`);
    }
  }
}
