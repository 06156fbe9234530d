import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from './schema-of.util';

/** Users, clients and signing keys, in the service's own schema (TypeORM does not set search_path). */
export class CreateAuthTablesPostgres1767225600000 implements MigrationInterface {
  name = 'CreateAuthTablesPostgres1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(
      `CREATE TABLE ${s}."auth_user" ("username" character varying(128) NOT NULL, "password_hash" character varying(100) NOT NULL, "role" character varying(32) NOT NULL, "fhir_user" character varying(200), "patient_ids" text NOT NULL, "created_at" character varying(30) NOT NULL, CONSTRAINT "PK_auth_user" PRIMARY KEY ("username"))`,
    );
    await queryRunner.query(
      `CREATE TABLE ${s}."auth_client" ("client_id" character varying(128) NOT NULL, "secret_hash" character varying(100), "name" character varying(200) NOT NULL, "scopes" text NOT NULL, "grant_types" text NOT NULL, "created_at" character varying(30) NOT NULL, CONSTRAINT "PK_auth_client" PRIMARY KEY ("client_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE ${s}."auth_signing_key" ("kid" character varying(64) NOT NULL, "alg" character varying(16) NOT NULL, "private_jwk" text NOT NULL, "public_jwk" text NOT NULL, "created_at" character varying(30) NOT NULL, "active" integer, CONSTRAINT "PK_auth_signing_key" PRIMARY KEY ("kid"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_auth_signing_key_active" ON ${s}."auth_signing_key" ("active")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX ${s}."UQ_auth_signing_key_active"`);
    await queryRunner.query(`DROP TABLE ${s}."auth_signing_key"`);
    await queryRunner.query(`DROP TABLE ${s}."auth_client"`);
    await queryRunner.query(`DROP TABLE ${s}."auth_user"`);
  }
}
