import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite: the generic resource table and its version history. */
export class CreateResourceTablesSqlite1795900000000 implements MigrationInterface {
  readonly name = 'CreateResourceTablesSqlite1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "fhir_resource" (` +
        `"resource_type" varchar(64) NOT NULL, ` +
        `"id" varchar(64) NOT NULL, ` +
        `"version_id" integer NOT NULL, ` +
        `"last_updated" varchar(30) NOT NULL, ` +
        `"content_hash" varchar(64) NOT NULL, ` +
        `"content" text NOT NULL, ` +
        `CONSTRAINT "pk_fhir_resource" PRIMARY KEY ("resource_type", "id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "fhir_resource_version" (` +
        `"resource_type" varchar(64) NOT NULL, ` +
        `"id" varchar(64) NOT NULL, ` +
        `"version_id" integer NOT NULL, ` +
        `"last_updated" varchar(30) NOT NULL, ` +
        `"content_hash" varchar(64) NOT NULL, ` +
        `"content" text NOT NULL, ` +
        `CONSTRAINT "pk_fhir_resource_version" PRIMARY KEY ("resource_type", "id", "version_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "fhir_resource_version"`);
    await queryRunner.query(`DROP TABLE "fhir_resource"`);
  }
}
