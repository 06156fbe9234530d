import { Injectable } from '@nestjs/common';
import { GrantRepository, RevokedTokenRepository } from '@connector/auth-data-access';
import type { TokenStatusReply, TokenStatusRequest } from '@connector/contracts';
import { grantStands } from './grant-standing.util';
import { revokedAccessTokenKey } from './revoked-token-key.util';

/**
 * Whether an access token the gateway verified still stands: its `jti` not revoked, and the grant it was minted from
 * (if any) still there, unrevoked and unexpired. The gateway asks once per token per cache period (≤ 60 s).
 */
@Injectable()
export class TokenStatusService {
  constructor(
    private readonly revoked: RevokedTokenRepository,
    private readonly grants: GrantRepository,
  ) {}

  async status(request: TokenStatusRequest): Promise<TokenStatusReply> {
    if (request.jti !== undefined && (await this.revoked.has(revokedAccessTokenKey(request.jti)))) {
      return { active: false };
    }
    if (request.grant !== undefined && !grantStands(await this.grants.findById(request.grant), new Date())) {
      return { active: false };
    }
    return { active: true };
  }
}
