import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { accessTokenIssuer, CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { publicOrigin } from '../http/base-url.util';
import { buildOpenIdConfiguration } from './openid-configuration.builder';

/** OpenID Connect discovery, next to the JWKS it names. */
@Controller('.well-known')
export class OpenIdConfigurationController {
  constructor(@Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig) {}

  @Get('openid-configuration')
  @Header('cache-control', 'public, max-age=300')
  configuration(@Req() request: FastifyRequest): Record<string, unknown> {
    return buildOpenIdConfiguration(publicOrigin(this.config, request), accessTokenIssuer(this.config));
  }
}
