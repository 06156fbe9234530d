import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaPrefix } from './schema-prefix.util';

/** Every index table gets `composite_group` (see compositeComponentCode in index-tables/search-index.tables.ts). */
const INDEX_TABLES = [
  'fhir_index_string',
  'fhir_index_token',
  'fhir_index_date',
  'fhir_index_reference',
  'fhir_index_quantity',
  'fhir_index_number',
  'fhir_index_uri',
] as const;

/**
 * PostgreSQL: composite parameters (component rows tied by `composite_group`) and UCUM-canonical quantities
 * (`canonical_value`, `canonical_unit` and their lookup index). Nullable columns without default: adding them
 * rewrites no table. Rows indexed before this migration have neither: `ResourceStore.reindex()` fills them in.
 */
export class AddCompositeAndCanonicalQuantityPostgres1796200000000 implements MigrationInterface {
  readonly name = 'AddCompositeAndCanonicalQuantityPostgres1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaPrefix(queryRunner);
    for (const table of INDEX_TABLES) {
      await queryRunner.query(`ALTER TABLE ${schema}"${table}" ADD "composite_group" integer`);
    }
    await queryRunner.query(`ALTER TABLE ${schema}"fhir_index_quantity" ADD "canonical_value" double precision`);
    await queryRunner.query(`ALTER TABLE ${schema}"fhir_index_quantity" ADD "canonical_unit" text`);
    await queryRunner.query(
      `CREATE INDEX "idx_fhir_index_quantity_canonical" ON ${schema}"fhir_index_quantity" ` +
        `("resource_type", "code", "canonical_unit", "canonical_value", "resource_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaPrefix(queryRunner);
    await queryRunner.query(`DROP INDEX ${schema}"idx_fhir_index_quantity_canonical"`);
    await queryRunner.query(`ALTER TABLE ${schema}"fhir_index_quantity" DROP COLUMN "canonical_unit"`);
    await queryRunner.query(`ALTER TABLE ${schema}"fhir_index_quantity" DROP COLUMN "canonical_value"`);
    for (const table of [...INDEX_TABLES].reverse()) {
      // Composite rows mean nothing without their group: drop them with the column.
      await queryRunner.query(`DELETE FROM ${schema}"${table}" WHERE "composite_group" IS NOT NULL`);
      await queryRunner.query(`ALTER TABLE ${schema}"${table}" DROP COLUMN "composite_group"`);
    }
  }
}
