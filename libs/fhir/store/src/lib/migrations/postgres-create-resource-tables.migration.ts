import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaPrefix } from './schema-prefix.util';

/** PostgreSQL: the generic resource table and its version history, in the service's own schema. */
export class CreateResourceTablesPostgres1795900000000 implements MigrationInterface {
  readonly name = 'CreateResourceTablesPostgres1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaPrefix(queryRunner);
    await queryRunner.query(
      `CREATE TABLE ${schema}"fhir_resource" (` +
        `"resource_type" character varying(64) NOT NULL, ` +
        `"id" character varying(64) NOT NULL, ` +
        `"version_id" integer NOT NULL, ` +
        `"last_updated" character varying(30) NOT NULL, ` +
        `"content_hash" character varying(64) NOT NULL, ` +
        `"content" text NOT NULL, ` +
        `CONSTRAINT "pk_fhir_resource" PRIMARY KEY ("resource_type", "id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE ${schema}"fhir_resource_version" (` +
        `"resource_type" character varying(64) NOT NULL, ` +
        `"id" character varying(64) NOT NULL, ` +
        `"version_id" integer NOT NULL, ` +
        `"last_updated" character varying(30) NOT NULL, ` +
        `"content_hash" character varying(64) NOT NULL, ` +
        `"content" text NOT NULL, ` +
        `CONSTRAINT "pk_fhir_resource_version" PRIMARY KEY ("resource_type", "id", "version_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaPrefix(queryRunner);
    await queryRunner.query(`DROP TABLE ${schema}"fhir_resource_version"`);
    await queryRunner.query(`DROP TABLE ${schema}"fhir_resource"`);
  }
}
