import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  owningService,
  RESOURCE_SERVICE_SUBJECTS,
  SearchResourcesReply,
  SearchResourcesRequest,
} from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { resourceSubsetter, type SearchSummary } from '@connector/fhir-search';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { SERVICE_CLIENTS, type ServiceClients } from '@connector/shared-transport';
import { assertPatientContextAllowsSearch } from '../auth/patient-context.util';
import { CLOCK, type Clock } from '../clock';
import { FHIR_BASE_PATHS } from '../gateway.constants';
import { publicOrigin } from '../http/base-url.util';
import { prefersLenientHandling } from '../http/prefer-header.util';
import { rawQueryParams } from '../http/raw-query.util';
import { resolveForeignIncludes } from './foreign-include.resolver';
import { buildSearchsetBundle, CURSOR_PARAMETER } from './searchset-bundle.builder';

/** Response-format parameters: the gateway's concern (JSON only today), not the search's. */
const FORMAT_PARAMETERS: ReadonlySet<string> = new Set(['_format', '_pretty']);

/**
 * `GET [base]/[type]` and `GET [base]/[type]/_search`: forwards the raw query to the owning service, which parses
 * and runs it, and wraps the page in a searchset Bundle. See https://hl7.org/fhir/R4/http.html#search
 */
@Injectable()
export class ResourceSearchService {
  constructor(
    @Inject(SERVICE_CLIENTS) private readonly clients: ServiceClients,
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  /** The searchset Bundle of one page, as JSON text. */
  async search(resourceType: string, request: FastifyRequest): Promise<string> {
    const owner = owningService(resourceType);
    if (owner === undefined) {
      throw FhirError.notFound(`Unknown resource type ${resourceType}`);
    }
    assertPatientContextAllowsSearch(request.accessToken, resourceType);
    const fhirBase = `${publicOrigin(this.config, request)}${FHIR_BASE_PATHS[0]}`;
    const { params, cursor } = splitCursor(rawQueryParams(request.url));
    const payload = Object.assign(new SearchResourcesRequest(), {
      resourceType,
      params,
      lenient: prefersLenientHandling(request.headers.prefer),
      baseUrl: fhirBase,
      ...(cursor === undefined ? {} : { cursor }),
    });
    const subject = RESOURCE_SERVICE_SUBJECTS[owner].searchResources;
    const reply = await this.clients.get(owner).request(subject, payload, SearchResourcesReply);
    const foreign = reply.foreign === undefined ? [] : await resolveForeignIncludes(this.clients, owner, reply.foreign);
    // The service subsets its own includes; the other services' ones get the same `_summary` here.
    const summary = reply.canonicalParams.find(([name]) => name === '_summary')?.[1] as SearchSummary | undefined;
    const subset = resourceSubsetter({ summary }, 'include');
    const included = [...(reply.included ?? []), ...(subset ? foreign.map(subset) : foreign)];
    const lastUpdated = new Date(this.now()).toISOString();
    return buildSearchsetBundle({ id: randomUUID(), lastUpdated, fhirBase, resourceType, reply, included });
  }
}

/** Takes out `_cursor` (the service's paging state, never a search parameter) and the format parameters. */
function splitCursor(all: readonly [string, string][]): { params: [string, string][]; cursor?: string } {
  const cursors = all.filter(([name]) => name === CURSOR_PARAMETER).map(([, value]) => value);
  if (cursors.length > 1) {
    throw FhirError.badRequest(`${CURSOR_PARAMETER} may appear only once`);
  }
  const params = all.filter(([name]) => name !== CURSOR_PARAMETER && !FORMAT_PARAMETERS.has(name));
  return cursors[0] ? { params, cursor: cursors[0] } : { params };
}
