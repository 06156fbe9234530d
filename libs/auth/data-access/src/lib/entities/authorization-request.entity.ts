import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LaunchType } from '@connector/contracts';
import { spaceSeparatedTransformer } from '../transformers/space-separated.transformer';

/** Where a browser is in the authorize flow: signing in, picking a patient, or giving consent. */
export type AuthorizationStep = 'login' | 'patient' | 'consent';

/**
 * A validated `/oauth/authorize` request while the user works through the login, patient-picker and consent pages.
 * Kept server-side so the pages carry only an opaque id, bound to the browser by a cookie and to each form by a
 * CSRF token. See https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1
 */
@Entity({ name: 'auth_authorization_request' })
export class AuthorizationRequestEntity {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_auth_authorization_request' })
  id!: string;

  /** SHA-256 (hex) of the cookie secret given to the browser that started the request. */
  @Column({ name: 'browser_binding', type: 'varchar', length: 64 })
  browserBinding!: string;

  @Column({ name: 'csrf_token', type: 'varchar', length: 64 })
  csrfToken!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 128 })
  clientId!: string;

  @Column({ name: 'redirect_uri', type: 'text' })
  redirectUri!: string;

  /** The scopes asked for (already limited to what the client may have). */
  @Column({ name: 'scopes', type: 'text', transformer: spaceSeparatedTransformer })
  scopes!: string[];

  @Column({ name: 'state', type: 'text', nullable: true })
  state!: string | null;

  /** PKCE S256 challenge (RFC 7636); `plain` is never accepted. */
  @Column({ name: 'code_challenge', type: 'varchar', length: 128, nullable: true })
  codeChallenge!: string | null;

  @Column({ name: 'nonce', type: 'text', nullable: true })
  nonce!: string | null;

  /** The context an EHR launch (`launch=`) brought along. */
  @Column({ name: 'launch_patient', type: 'varchar', length: 64, nullable: true })
  launchPatient!: string | null;

  @Column({ name: 'launch_encounter', type: 'varchar', length: 64, nullable: true })
  launchEncounter!: string | null;

  /** `ehr` when the app came with a `launch` value, else `standalone`. */
  @Column({ name: 'launch_type', type: 'varchar', length: 16 })
  launchType!: LaunchType;

  @Column({ name: 'step', type: 'varchar', length: 16 })
  step!: AuthorizationStep;

  /** Set once the user has signed in. */
  @Column({ name: 'username', type: 'varchar', length: 128, nullable: true })
  username!: string | null;

  /** The patient picked (or implied) for `launch/patient`. */
  @Column({ name: 'patient_id', type: 'varchar', length: 64, nullable: true })
  patientId!: string | null;

  @Column({ name: 'expires_at', type: 'varchar', length: 30 })
  expiresAt!: string;
}
