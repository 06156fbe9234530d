import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { accessTokenIssuer, CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { BASE_URL_CACHE_SIZE } from '../gateway.constants';
import { publicOrigin } from '../http/base-url.util';
import { BoundedCache } from '../http/bounded-cache';
import { buildSmartConfiguration, type SmartConfiguration } from './smart-configuration.builder';

/** Serves `GET [base]/.well-known/smart-configuration`, built once per public origin. */
@Injectable()
export class SmartConfigurationService {
  private readonly documents = new BoundedCache<string, SmartConfiguration>(BASE_URL_CACHE_SIZE);

  constructor(@Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig) {}

  configuration(request: FastifyRequest): SmartConfiguration {
    const origin = publicOrigin(this.config, request);
    let document = this.documents.get(origin);
    if (document === undefined) {
      document = buildSmartConfiguration(origin, accessTokenIssuer(this.config));
      this.documents.set(origin, document);
    }
    return document;
  }
}
