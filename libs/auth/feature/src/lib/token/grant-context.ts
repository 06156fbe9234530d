import type { UserEntity } from '@connector/auth-data-access';
import type { LaunchType } from '@connector/contracts';
import { patientContextOf } from './patient-context.util';

/**
 * Whom a token is for and in what context — what the OAuth library calls the "user" of a grant. For a backend
 * service (client credentials) there is no user: the client acts for itself.
 */
export interface GrantContext {
  readonly user: UserEntity | undefined;
  /** The launch patient (EHR launch, picker, or a patient's own record). */
  readonly patientId: string | null;
  readonly encounterId: string | null;
  /** An EHR launch shows the patient banner itself; a standalone app must (SMART `need_patient_banner`). */
  readonly launchType: LaunchType;
  /** The OpenID Connect nonce of the authorize request, echoed in the id_token. */
  readonly nonce: string | null;
  /** The grant the token belongs to (authorization code and refresh flows); its revocation stops the token. */
  readonly grantId: string | null;
  /** True when the grant row must still be written (a code being redeemed), false when it exists (a refresh). */
  readonly newGrant: boolean;
  /**
   * An existing grant's access type: a refresh that narrows the scope keeps refreshing even when the narrower
   * scope no longer names `offline_access` (the grant, not the latest token, decides).
   */
  readonly grantAccessType?: 'offline' | 'online';
}

/** A password grant: a patient linked to exactly one record has it in context (see {@link patientContextOf}). */
export function passwordContext(user: UserEntity): GrantContext {
  return {
    user,
    patientId: patientContextOf(user) ?? null,
    encounterId: null,
    launchType: 'standalone',
    nonce: null,
    grantId: null,
    newGrant: false,
  };
}

export const BACKEND_SERVICE_CONTEXT: GrantContext = {
  user: undefined,
  patientId: null,
  encounterId: null,
  launchType: 'standalone',
  nonce: null,
  grantId: null,
  newGrant: false,
};
