import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  owningService,
  RESOURCE_SERVICE_SUBJECTS,
  type SearchCompartment,
  SearchResourcesReply,
  SearchResourcesRequest,
} from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { resourceSubsetter, type SearchSummary } from '@connector/fhir-search';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { SERVICE_CLIENTS, type ServiceClients } from '@connector/shared-transport';
import { accessContextOf } from '../auth/access-context.util';
import { CLOCK, type Clock } from '../clock';
import { FHIR_BASE_PATHS } from '../gateway.constants';
import { publicOrigin } from '../http/base-url.util';
import { prefersLenientHandling } from '../http/prefer-header.util';
import { rawQueryParams } from '../http/raw-query.util';
import { resolveIncludesAcrossServices } from './iterated-include.resolver';
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

  /**
   * The searchset Bundle of one page, as JSON text; `compartment` for `[base]/Patient/[id]/[type]`. The token's
   * access context travels with the search and with every cross-service include request.
   */
  async search(resourceType: string, request: FastifyRequest, compartment?: SearchCompartment): Promise<string> {
    const owner = owningService(resourceType);
    if (owner === undefined) {
      throw FhirError.notFound(`Unknown resource type ${resourceType}`);
    }
    const access = accessContextOf(request.accessToken, resourceType, 'search');
    const fhirBase = `${publicOrigin(this.config, request)}${FHIR_BASE_PATHS[0]}`;
    const { params, cursor } = splitCursor(rawQueryParams(request.url));
    const payload = Object.assign(new SearchResourcesRequest(), {
      resourceType,
      params,
      lenient: prefersLenientHandling(request.headers.prefer),
      baseUrl: fhirBase,
      access,
      ...(cursor === undefined ? {} : { cursor }),
      ...(compartment === undefined ? {} : { compartment }),
    });
    const subject = RESOURCE_SERVICE_SUBJECTS[owner].searchResources;
    const reply = await this.clients.get(owner).request(subject, payload, SearchResourcesReply);
    const foreign = await resolveIncludesAcrossServices(this.clients, {
      resourceType,
      searchedService: owner,
      known: [...reply.resources, ...(reply.included ?? [])],
      ...(reply.foreign === undefined ? {} : { foreign: reply.foreign }),
      canonicalParams: reply.canonicalParams,
      access,
    });
    // The service subsets its own includes; the other services' ones get the same `_summary` here.
    const summary = reply.canonicalParams.find(([name]) => name === '_summary')?.[1] as SearchSummary | undefined;
    const subset = resourceSubsetter({ summary }, 'include');
    const included = [...(reply.included ?? []), ...(subset ? foreign.map(subset) : foreign)];
    const lastUpdated = new Date(this.now()).toISOString();
    const searchPath =
      compartment === undefined ? resourceType : `${compartment.resourceType}/${compartment.id}/${resourceType}`;
    return buildSearchsetBundle({ id: randomUUID(), lastUpdated, fhirBase, searchPath, reply, included });
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
