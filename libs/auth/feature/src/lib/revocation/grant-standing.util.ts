import type { GrantEntity } from '@connector/auth-data-access';

/** Whether tokens of this grant still count: it exists, nobody revoked it, and it has not run out. */
export function grantStands(grant: GrantEntity | null, now: Date): grant is GrantEntity {
  return grant !== null && grant.revokedAt === null && Date.parse(grant.expiresAt) > now.getTime();
}
