import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LaunchType } from '@connector/contracts';
import { spaceSeparatedTransformer } from '../transformers/space-separated.transformer';

/** An issued authorization code, stored by hash and deleted when redeemed (single use, RFC 6749 §4.1.2). */
@Entity({ name: 'auth_authorization_code' })
export class AuthorizationCodeEntity {
  /** SHA-256 (hex) of the code: a database reader cannot redeem codes. */
  @PrimaryColumn({
    name: 'code_hash',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'PK_auth_authorization_code',
  })
  codeHash!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 128 })
  clientId!: string;

  @Column({ name: 'redirect_uri', type: 'text' })
  redirectUri!: string;

  @Column({ name: 'username', type: 'varchar', length: 128 })
  username!: string;

  /** The scopes the user consented to. */
  @Column({ name: 'scopes', type: 'text', transformer: spaceSeparatedTransformer })
  scopes!: string[];

  @Column({ name: 'patient_id', type: 'varchar', length: 64, nullable: true })
  patientId!: string | null;

  @Column({ name: 'encounter_id', type: 'varchar', length: 64, nullable: true })
  encounterId!: string | null;

  /** How the app was launched: `ehr` (the EHR shows the patient banner) or `standalone`. */
  @Column({ name: 'launch_type', type: 'varchar', length: 16 })
  launchType!: LaunchType;

  @Column({ name: 'code_challenge', type: 'varchar', length: 128, nullable: true })
  codeChallenge!: string | null;

  @Column({ name: 'nonce', type: 'text', nullable: true })
  nonce!: string | null;

  @Column({ name: 'expires_at', type: 'varchar', length: 30 })
  expiresAt!: string;
}
