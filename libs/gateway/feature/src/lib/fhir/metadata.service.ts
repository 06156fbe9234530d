import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { CLOCK, type Clock } from '../clock';
import { BASE_URL_CACHE_SIZE } from '../gateway.constants';
import { publicOrigin } from '../http/base-url.util';
import { BoundedCache } from '../http/bounded-cache';
import { fhirBasePathOf } from '../http/fhir-base-path.util';
import { oauthUrls } from '../oauth/oauth-urls.util';
import { buildCapabilityStatement } from './capability-statement.builder';

/** Serves `GET [base]/metadata`: the CapabilityStatement, serialized once per FHIR base URL. */
@Injectable()
export class MetadataService {
  private readonly statements = new BoundedCache<string, string>(BASE_URL_CACHE_SIZE);

  constructor(
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  capabilityStatementJson(request: FastifyRequest): string {
    const origin = publicOrigin(this.config, request);
    const fhirBaseUrl = `${origin}${fhirBasePathOf(request)}`;
    let json = this.statements.get(fhirBaseUrl);
    if (json === undefined) {
      const statement = buildCapabilityStatement(fhirBaseUrl, oauthUrls(origin), new Date(this.now()));
      json = JSON.stringify(statement);
      this.statements.set(fhirBaseUrl, json);
    }
    return json;
  }
}
