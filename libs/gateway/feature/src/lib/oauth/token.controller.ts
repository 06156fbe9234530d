import { Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthSubjects } from '@connector/contracts';
import { sendOAuthReply } from './oauth-reply.util';
import { TokenService } from './token.service';

/** The OAuth 2.0 token endpoint. See https://www.rfc-editor.org/rfc/rfc6749#section-3.2 */
@Controller('oauth')
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post('token')
  async token(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendOAuthReply(reply, await this.tokens.relay(AuthSubjects.issueToken, 'token', request));
  }
}
