import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LaunchType } from '@connector/contracts';
import { spaceSeparatedTransformer } from '../transformers/space-separated.transformer';

/** `offline_access` grants outlive the session; `online_access` ones are short (SMART App Launch). */
export type GrantAccessType = 'offline' | 'online';

/**
 * A user's authorization of a client, created when a code is redeemed; every refresh token and every access token
 * minted from it carries its id, so revoking the grant stops them all.
 */
@Entity({ name: 'auth_grant' })
export class GrantEntity {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_auth_grant' })
  id!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 128 })
  clientId!: string;

  @Column({ name: 'username', type: 'varchar', length: 128 })
  username!: string;

  @Column({ name: 'scopes', type: 'text', transformer: spaceSeparatedTransformer })
  scopes!: string[];

  @Column({ name: 'patient_id', type: 'varchar', length: 64, nullable: true })
  patientId!: string | null;

  @Column({ name: 'encounter_id', type: 'varchar', length: 64, nullable: true })
  encounterId!: string | null;

  /** How the app was launched: `ehr` (the EHR shows the patient banner) or `standalone`. */
  @Column({ name: 'launch_type', type: 'varchar', length: 16 })
  launchType!: LaunchType;

  @Column({ name: 'access_type', type: 'varchar', length: 16 })
  accessType!: GrantAccessType;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  /** No refresh after this instant, however often the token rotates. */
  @Column({ name: 'expires_at', type: 'varchar', length: 30 })
  expiresAt!: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 30, nullable: true })
  revokedAt!: string | null;
}
