import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from './schema-of.util';

/** SMART App Launch: client registration details, the authorize flow, grants, refresh tokens, launches, audit. */
export class AddSmartAuthorizationPostgres1796169600000 implements MigrationInterface {
  name = 'AddSmartAuthorizationPostgres1796169600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(
      `ALTER TABLE ${s}."auth_client" ADD "redirect_uris" text NOT NULL DEFAULT '', ADD "launch_types" text NOT NULL DEFAULT '', ADD "jwks" text, ADD "jwks_uri" character varying(500)`,
    );
    await queryRunner.query(
      `CREATE TABLE ${s}."auth_authorization_request" ("id" character varying(64) NOT NULL, "browser_binding" character varying(64) NOT NULL, "csrf_token" character varying(64) NOT NULL, "client_id" character varying(128) NOT NULL, "redirect_uri" text NOT NULL, "scopes" text NOT NULL, "state" text, "code_challenge" character varying(128), "nonce" text, "launch_patient" character varying(64), "launch_encounter" character varying(64), "launch_type" character varying(16) NOT NULL, "step" character varying(16) NOT NULL, "username" character varying(128), "patient_id" character varying(64), "expires_at" character varying(30) NOT NULL, CONSTRAINT "PK_auth_authorization_request" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE ${s}."auth_authorization_code" ("code_hash" character varying(64) NOT NULL, "client_id" character varying(128) NOT NULL, "redirect_uri" text NOT NULL, "username" character varying(128) NOT NULL, "scopes" text NOT NULL, "patient_id" character varying(64), "encounter_id" character varying(64), "launch_type" character varying(16) NOT NULL, "code_challenge" character varying(128), "nonce" text, "expires_at" character varying(30) NOT NULL, CONSTRAINT "PK_auth_authorization_code" PRIMARY KEY ("code_hash"))`,
    );
    await queryRunner.query(
      `CREATE TABLE ${s}."auth_grant" ("id" character varying(64) NOT NULL, "client_id" character varying(128) NOT NULL, "username" character varying(128) NOT NULL, "scopes" text NOT NULL, "patient_id" character varying(64), "encounter_id" character varying(64), "launch_type" character varying(16) NOT NULL, "access_type" character varying(16) NOT NULL, "created_at" character varying(30) NOT NULL, "expires_at" character varying(30) NOT NULL, "revoked_at" character varying(30), CONSTRAINT "PK_auth_grant" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE ${s}."auth_refresh_token" ("token_hash" character varying(64) NOT NULL, "grant_id" character varying(64) NOT NULL, "created_at" character varying(30) NOT NULL, "used_at" character varying(30), CONSTRAINT "PK_auth_refresh_token" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_auth_refresh_token_grant" ON ${s}."auth_refresh_token" ("grant_id") `);
    await queryRunner.query(
      `CREATE TABLE ${s}."auth_launch_context" ("id" character varying(64) NOT NULL, "patient_id" character varying(64), "encounter_id" character varying(64), "created_by" character varying(128) NOT NULL, "expires_at" character varying(30) NOT NULL, CONSTRAINT "PK_auth_launch_context" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE ${s}."auth_revoked_token" ("token_key" character varying(300) NOT NULL, "expires_at" character varying(30) NOT NULL, CONSTRAINT "PK_auth_revoked_token" PRIMARY KEY ("token_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE ${s}."auth_audit_event" ("id" character varying(36) NOT NULL, "at" character varying(30) NOT NULL, "event" character varying(48) NOT NULL, "outcome" character varying(16) NOT NULL, "username" character varying(128), "client_id" character varying(128), "ip" character varying(64), "detail" text, CONSTRAINT "PK_auth_audit_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_auth_audit_event_at" ON ${s}."auth_audit_event" ("at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of [
      'auth_audit_event',
      'auth_revoked_token',
      'auth_launch_context',
      'auth_refresh_token',
      'auth_grant',
      'auth_authorization_code',
      'auth_authorization_request',
    ]) {
      await queryRunner.query(`DROP TABLE ${s}."${table}"`);
    }
    await queryRunner.query(
      `ALTER TABLE ${s}."auth_client" DROP COLUMN "jwks_uri", DROP COLUMN "jwks", DROP COLUMN "launch_types", DROP COLUMN "redirect_uris"`,
    );
  }
}
