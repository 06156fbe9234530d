import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SMART App Launch: client registration details, the authorize flow, grants, refresh tokens, launches, audit. */
export class AddSmartAuthorizationSqlite1796169600000 implements MigrationInterface {
  name = 'AddSmartAuthorizationSqlite1796169600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of [
      `"redirect_uris" text NOT NULL DEFAULT ('')`,
      `"launch_types" text NOT NULL DEFAULT ('')`,
      `"jwks" text`,
      `"jwks_uri" varchar(500)`,
    ]) {
      await queryRunner.query(`ALTER TABLE "auth_client" ADD COLUMN ${column}`);
    }
    await queryRunner.query(
      `CREATE TABLE "auth_authorization_request" ("id" varchar(64) PRIMARY KEY NOT NULL, "browser_binding" varchar(64) NOT NULL, "csrf_token" varchar(64) NOT NULL, "client_id" varchar(128) NOT NULL, "redirect_uri" text NOT NULL, "scopes" text NOT NULL, "state" text, "code_challenge" varchar(128), "nonce" text, "launch_patient" varchar(64), "launch_encounter" varchar(64), "launch_type" varchar(16) NOT NULL, "step" varchar(16) NOT NULL, "username" varchar(128), "patient_id" varchar(64), "expires_at" varchar(30) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_authorization_code" ("code_hash" varchar(64) PRIMARY KEY NOT NULL, "client_id" varchar(128) NOT NULL, "redirect_uri" text NOT NULL, "username" varchar(128) NOT NULL, "scopes" text NOT NULL, "patient_id" varchar(64), "encounter_id" varchar(64), "launch_type" varchar(16) NOT NULL, "code_challenge" varchar(128), "nonce" text, "expires_at" varchar(30) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_grant" ("id" varchar(64) PRIMARY KEY NOT NULL, "client_id" varchar(128) NOT NULL, "username" varchar(128) NOT NULL, "scopes" text NOT NULL, "patient_id" varchar(64), "encounter_id" varchar(64), "launch_type" varchar(16) NOT NULL, "access_type" varchar(16) NOT NULL, "created_at" varchar(30) NOT NULL, "expires_at" varchar(30) NOT NULL, "revoked_at" varchar(30))`,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_refresh_token" ("token_hash" varchar(64) PRIMARY KEY NOT NULL, "grant_id" varchar(64) NOT NULL, "created_at" varchar(30) NOT NULL, "used_at" varchar(30))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_auth_refresh_token_grant" ON "auth_refresh_token" ("grant_id") `);
    await queryRunner.query(
      `CREATE TABLE "auth_launch_context" ("id" varchar(64) PRIMARY KEY NOT NULL, "patient_id" varchar(64), "encounter_id" varchar(64), "created_by" varchar(128) NOT NULL, "expires_at" varchar(30) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_revoked_token" ("token_key" varchar(300) PRIMARY KEY NOT NULL, "expires_at" varchar(30) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_audit_event" ("id" varchar(36) PRIMARY KEY NOT NULL, "at" varchar(30) NOT NULL, "event" varchar(48) NOT NULL, "outcome" varchar(16) NOT NULL, "username" varchar(128), "client_id" varchar(128), "ip" varchar(64), "detail" text)`,
    );
    await queryRunner.query(`CREATE INDEX "IX_auth_audit_event_at" ON "auth_audit_event" ("at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IX_auth_audit_event_at"`);
    await queryRunner.query(`DROP TABLE "auth_audit_event"`);
    await queryRunner.query(`DROP TABLE "auth_revoked_token"`);
    await queryRunner.query(`DROP TABLE "auth_launch_context"`);
    await queryRunner.query(`DROP INDEX "IX_auth_refresh_token_grant"`);
    await queryRunner.query(`DROP TABLE "auth_refresh_token"`);
    await queryRunner.query(`DROP TABLE "auth_grant"`);
    await queryRunner.query(`DROP TABLE "auth_authorization_code"`);
    await queryRunner.query(`DROP TABLE "auth_authorization_request"`);
    for (const column of ['jwks_uri', 'jwks', 'launch_types', 'redirect_uris']) {
      await queryRunner.query(`ALTER TABLE "auth_client" DROP COLUMN "${column}"`);
    }
  }
}
