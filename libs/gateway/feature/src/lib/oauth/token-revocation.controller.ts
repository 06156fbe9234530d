import { Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthSubjects } from '@connector/contracts';
import { sendOAuthReply } from './oauth-reply.util';
import { TokenService } from './token.service';

/** OAuth 2.0 Token Revocation. See https://www.rfc-editor.org/rfc/rfc7009#section-2 */
@Controller('oauth')
export class TokenRevocationController {
  constructor(private readonly tokens: TokenService) {}

  @Post('revoke')
  async revoke(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendOAuthReply(reply, await this.tokens.relay(AuthSubjects.revokeToken, 'revoke', request));
  }
}
