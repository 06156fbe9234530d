import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaPrefix } from './schema-prefix.util';

/** One search index table as this migration creates it (frozen here: later entity changes get a new migration). */
interface IndexTableDdl {
  readonly table: string;
  /** Column definitions, each followed by ", " (the primary key constraint comes last). */
  readonly columns: string;
  readonly indexes: readonly { readonly name: string; readonly columns: string }[];
}

/** Every table is keyed (resource_type, resource_id, seq); lookups go through the (resource_type, code, ...) indexes. */
const TABLES: readonly IndexTableDdl[] = [
  {
    table: 'fhir_index_string',
    columns:
      '"resource_type" character varying(64) NOT NULL, ' +
      '"resource_id" character varying(64) NOT NULL, ' +
      '"seq" integer NOT NULL, ' +
      '"code" character varying(64) NOT NULL, ' +
      '"value" text NOT NULL, ' +
      '"normalized" character varying(255) NOT NULL, ',
    indexes: [
      { name: 'idx_fhir_index_string_lookup', columns: '"resource_type", "code", "normalized", "resource_id"' },
    ],
  },
  {
    table: 'fhir_index_token',
    columns:
      '"resource_type" character varying(64) NOT NULL, ' +
      '"resource_id" character varying(64) NOT NULL, ' +
      '"seq" integer NOT NULL, ' +
      '"code" character varying(64) NOT NULL, ' +
      '"system" text, ' +
      '"value" text, ' +
      '"text" text, ' +
      '"type_system" text, ' +
      '"type_code" text, ',
    indexes: [
      { name: 'idx_fhir_index_token_lookup', columns: '"resource_type", "code", "value", "system", "resource_id"' },
    ],
  },
  {
    table: 'fhir_index_date',
    columns:
      '"resource_type" character varying(64) NOT NULL, ' +
      '"resource_id" character varying(64) NOT NULL, ' +
      '"seq" integer NOT NULL, ' +
      '"code" character varying(64) NOT NULL, ' +
      '"low" bigint, ' +
      '"high" bigint, ',
    indexes: [{ name: 'idx_fhir_index_date_lookup', columns: '"resource_type", "code", "low", "high", "resource_id"' }],
  },
  {
    table: 'fhir_index_reference',
    columns:
      '"resource_type" character varying(64) NOT NULL, ' +
      '"resource_id" character varying(64) NOT NULL, ' +
      '"seq" integer NOT NULL, ' +
      '"code" character varying(64) NOT NULL, ' +
      '"reference" text, ' +
      '"target_type" character varying(64), ' +
      '"target_id" text, ' +
      '"identifier_system" text, ' +
      '"identifier_value" text, ',
    indexes: [
      {
        name: 'idx_fhir_index_reference_lookup',
        columns: '"resource_type", "code", "target_type", "target_id", "resource_id"',
      },
      {
        name: 'idx_fhir_index_reference_target',
        columns: '"target_type", "target_id", "code", "resource_type", "resource_id"',
      },
    ],
  },
  {
    table: 'fhir_index_quantity',
    columns:
      '"resource_type" character varying(64) NOT NULL, ' +
      '"resource_id" character varying(64) NOT NULL, ' +
      '"seq" integer NOT NULL, ' +
      '"code" character varying(64) NOT NULL, ' +
      '"value" double precision, ' +
      '"value_text" text, ' +
      '"low" double precision, ' +
      '"high" double precision, ' +
      '"comparator" character varying(2), ' +
      '"system" text, ' +
      '"unit_code" text, ' +
      '"unit" text, ',
    indexes: [{ name: 'idx_fhir_index_quantity_lookup', columns: '"resource_type", "code", "value", "resource_id"' }],
  },
  {
    table: 'fhir_index_number',
    columns:
      '"resource_type" character varying(64) NOT NULL, ' +
      '"resource_id" character varying(64) NOT NULL, ' +
      '"seq" integer NOT NULL, ' +
      '"code" character varying(64) NOT NULL, ' +
      '"value" double precision NOT NULL, ' +
      '"value_text" text NOT NULL, ',
    indexes: [{ name: 'idx_fhir_index_number_lookup', columns: '"resource_type", "code", "value", "resource_id"' }],
  },
  {
    table: 'fhir_index_uri',
    columns:
      '"resource_type" character varying(64) NOT NULL, ' +
      '"resource_id" character varying(64) NOT NULL, ' +
      '"seq" integer NOT NULL, ' +
      '"code" character varying(64) NOT NULL, ' +
      '"value" text NOT NULL, ',
    indexes: [{ name: 'idx_fhir_index_uri_lookup', columns: '"resource_type", "code", "value", "resource_id"' }],
  },
];

/** PostgreSQL: one search index table per value type, in the service's own schema. */
export class CreateSearchIndexTablesPostgres1796000000000 implements MigrationInterface {
  readonly name = 'CreateSearchIndexTablesPostgres1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaPrefix(queryRunner);
    for (const { table, columns, indexes } of TABLES) {
      await queryRunner.query(
        `CREATE TABLE ${schema}"${table}" (${columns}` +
          `CONSTRAINT "pk_${table}" PRIMARY KEY ("resource_type", "resource_id", "seq"))`,
      );
      for (const index of indexes) {
        await queryRunner.query(`CREATE INDEX "${index.name}" ON ${schema}"${table}" (${index.columns})`);
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaPrefix(queryRunner);
    for (const { table } of [...TABLES].reverse()) {
      await queryRunner.query(`DROP TABLE ${schema}"${table}"`);
    }
  }
}
