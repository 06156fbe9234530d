import { Injectable } from '@nestjs/common';
import {
  AuthorizationCodeEntity,
  AuthorizationCodeRepository,
  type AuthorizationRequestEntity,
} from '@connector/auth-data-access';
import type { AuthPageReply } from '@connector/contracts';
import { sha256Hex } from '../secrets/token-hash.util';
import { redirectReply } from './authorize-reply.util';
import { AUTHORIZATION_CODE_TTL_SECONDS } from './authorize.constants';
import { randomToken } from './browser-binding.util';

/** Ends a consented request: stores a single-use code (by hash) and sends the browser back to the app with it. */
@Injectable()
export class AuthorizationCodeIssuer {
  constructor(private readonly codes: AuthorizationCodeRepository) {}

  async issue(request: AuthorizationRequestEntity): Promise<AuthPageReply> {
    const code = randomToken();
    await this.codes.insert(
      Object.assign(new AuthorizationCodeEntity(), {
        codeHash: sha256Hex(code),
        clientId: request.clientId,
        redirectUri: request.redirectUri,
        username: request.username ?? '',
        scopes: request.scopes,
        patientId: request.patientId,
        encounterId: request.launchEncounter,
        launchType: request.launchType,
        codeChallenge: request.codeChallenge,
        nonce: request.nonce,
        expiresAt: new Date(Date.now() + AUTHORIZATION_CODE_TTL_SECONDS * 1000).toISOString(),
      } satisfies AuthorizationCodeEntity),
    );
    return redirectReply(request.redirectUri, { code, state: request.state });
  }
}
