import { Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AUTHORIZE_STEPS, type AuthPageReply, type AuthorizeStep } from '@connector/contracts';
import { AuthorizePageService } from './authorize-page.service';

/**
 * The browser-facing side of the SMART authorization code flow: `GET/POST /oauth/authorize` (authorize-post) and
 * the login, patient-picker and consent forms. See https://hl7.org/fhir/smart-app-launch/app-launch.html
 */
@Controller('oauth')
export class AuthorizeController {
  constructor(private readonly pages: AuthorizePageService) {}

  @Get('authorize')
  async authorizeGet(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, await this.pages.relay('authorize', request));
  }

  @Post('authorize')
  async authorizePost(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, await this.pages.relay('authorize', request));
  }

  @Post('authorize/:step')
  async step(@Param('step') step: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (step === 'authorize' || !(AUTHORIZE_STEPS as readonly string[]).includes(step)) {
      throw new NotFoundException(`Unknown authorize step ${step}`);
    }
    sendPage(reply, await this.pages.relay(step as AuthorizeStep, request));
  }
}

function sendPage(reply: FastifyReply, page: AuthPageReply): void {
  void reply
    .status(page.status)
    .headers(page.headers)
    .send(page.html ?? '');
}
