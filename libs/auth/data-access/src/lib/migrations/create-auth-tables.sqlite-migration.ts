import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, clients and signing keys in `${dataDir}/auth.sqlite`. */
export class CreateAuthTablesSqlite1767225600000 implements MigrationInterface {
  name = 'CreateAuthTablesSqlite1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "auth_user" ("username" varchar(128) PRIMARY KEY NOT NULL, "password_hash" varchar(100) NOT NULL, "role" varchar(32) NOT NULL, "fhir_user" varchar(200), "patient_ids" text NOT NULL, "created_at" varchar(30) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_client" ("client_id" varchar(128) PRIMARY KEY NOT NULL, "secret_hash" varchar(100), "name" varchar(200) NOT NULL, "scopes" text NOT NULL, "grant_types" text NOT NULL, "created_at" varchar(30) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_signing_key" ("kid" varchar(64) PRIMARY KEY NOT NULL, "alg" varchar(16) NOT NULL, "private_jwk" text NOT NULL, "public_jwk" text NOT NULL, "created_at" varchar(30) NOT NULL, "active" integer)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_auth_signing_key_active" ON "auth_signing_key" ("active")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "UQ_auth_signing_key_active"`);
    await queryRunner.query(`DROP TABLE "auth_signing_key"`);
    await queryRunner.query(`DROP TABLE "auth_client"`);
    await queryRunner.query(`DROP TABLE "auth_user"`);
  }
}
