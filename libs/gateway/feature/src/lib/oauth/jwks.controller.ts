import { Controller, Get, Header } from '@nestjs/common';
import type { JwksReply } from '@connector/contracts';
import { JwksService } from '../auth/jwks.service';

/** Publishes the keys that verify access tokens. See https://www.rfc-editor.org/rfc/rfc7517#section-5 */
@Controller('.well-known')
export class JwksController {
  constructor(private readonly jwks: JwksService) {}

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  keys(): Promise<JwksReply> {
    return this.jwks.publicKeySet();
  }
}
