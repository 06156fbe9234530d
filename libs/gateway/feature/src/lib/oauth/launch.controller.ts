import { Controller, Header, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { LaunchService } from './launch.service';

/** EHR launch contexts. See https://hl7.org/fhir/smart-app-launch/app-launch.html#launch-app-ehr-launch */
@Controller('oauth')
export class LaunchController {
  constructor(private readonly launches: LaunchService) {}

  @Post('launch')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @UseGuards(BearerAuthGuard)
  create(@Req() request: FastifyRequest): Promise<{ launch: string; expires_in: number }> {
    return this.launches.create(request.accessToken, request.body);
  }
}
