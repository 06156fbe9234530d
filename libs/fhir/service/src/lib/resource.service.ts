import { Inject, Injectable } from '@nestjs/common';
import {
  type CountResourcesReply,
  type HealthReply,
  type IncludedResourcesReply,
  type IncludeFromReply,
  type IncludeFromRequest,
  type ReadManyResourcesRequest,
  type RevincludeResourcesRequest,
  type ImportResourcesReply,
  type ImportResourcesRequest,
  owningService,
  type ReadResourceReply,
  type ReindexResourcesReply,
  type ReindexResourcesRequest,
  type ReadResourceRequest,
  type ReadResourceHistoryRequest,
  type ReadResourceVersionRequest,
  type ResourceHistoryReply,
  type ResourceServiceName,
  type ResourceToImport,
  type SearchResourcesReply,
  type SearchResourcesRequest,
} from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { parseSearchQuery, resourceSubsetter, type SearchRequest } from '@connector/fhir-search';
import { searchParameter } from '@connector/fhir-search-parameters';
import { ResourceStore } from '@connector/fhir-store';
import { createLogger } from '@connector/shared-logging';
import { accessPolicyOf } from './access-policy.factory';
import { RESOURCE_SERVICE_NAME } from './resource-service.constants';

/** How long one re-index request keeps going: well inside the request timeout. */
const REINDEX_BUDGET_MS = 2_000;

/** The work behind a resource-holding service's subjects: read, search, import, count, health. */
@Injectable()
export class ResourceService {
  private readonly logger = createLogger(ResourceService.name);

  constructor(
    private readonly store: ResourceStore,
    @Inject(RESOURCE_SERVICE_NAME) private readonly service: ResourceServiceName,
  ) {}

  /**
   * The current version of one resource, if the access context lets the caller see it (else a 404, as if absent).
   * See https://hl7.org/fhir/R4/http.html#read
   */
  async read(request: ReadResourceRequest): Promise<ReadResourceReply> {
    const resource = await this.store.read(request.resourceType, request.id, accessPolicyOf(request.access));
    if (resource === null) {
      throw FhirError.resourceNotFound(request.resourceType, request.id);
    }
    return { resource };
  }

  /**
   * One stored version of one resource, if the access context lets the caller see the resource (else a 404, as if
   * absent). See https://hl7.org/fhir/R4/http.html#vread
   */
  async readVersion(request: ReadResourceVersionRequest): Promise<ReadResourceReply> {
    const { resourceType, id, versionId } = request;
    const resource = await this.store.readVersion(resourceType, id, versionId, accessPolicyOf(request.access));
    if (resource === null) {
      throw FhirError.notFound(`Version ${versionId} of resource ${resourceType}/${id} not found`);
    }
    return { resource };
  }

  /**
   * Every stored version of one resource, newest first, if the access context lets the caller see it (else a 404).
   * See https://hl7.org/fhir/R4/http.html#history
   */
  async history(request: ReadResourceHistoryRequest): Promise<ResourceHistoryReply> {
    const versions = await this.store.history(request.resourceType, request.id, accessPolicyOf(request.access));
    if (versions === null) {
      throw FhirError.resourceNotFound(request.resourceType, request.id);
    }
    return { versions };
  }

  /**
   * One page of a type-level search: parsed here (strict unless lenient), run by the store, the matches as their
   * stored JSON texts. See https://hl7.org/fhir/R4/http.html#search
   */
  async search(request: SearchResourcesRequest): Promise<SearchResourcesReply> {
    this.requireSearchable(request.resourceType);
    const query = parseSearchQuery({
      resourceType: request.resourceType,
      params: request.params,
      lookup: searchParameter,
      baseUrl: request.baseUrl,
      lenient: request.lenient,
      ...(request.compartment === undefined ? {} : { compartment: request.compartment }),
    });
    const access = accessPolicyOf(request.access);
    const page = await this.store.search(countOnly(query), { cursor: request.cursor }, access, {
      isLocalType: (type) => owningService(type) === this.service,
    });
    const foreign = { include: page.foreignIncludes ?? [], revinclude: page.foreignRevincludes ?? [] };
    // Parsed only when `_summary` / `_elements` asks for less: otherwise the stored texts pass through untouched.
    const subsetMatch = resourceSubsetter(query, 'match');
    const subsetInclude = resourceSubsetter(query, 'include');
    const included = subsetInclude && page.included ? page.included.map(subsetInclude) : page.included;
    return {
      resources: subsetMatch ? page.resources.map(subsetMatch) : page.resources,
      ...(page.total === undefined ? {} : { total: page.total }),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
      ...(page.previousCursor === undefined ? {} : { previousCursor: page.previousCursor }),
      warnings: query.warnings.map((warning) => warning.message),
      canonicalParams: query.canonicalParams.map(([name, value]): [string, string] => [name, value]),
      ...(included === undefined ? {} : { included }),
      ...(foreign.include.length + foreign.revinclude.length === 0 ? {} : { foreign }),
    };
  }

  /**
   * `:iterate` includes continued from resources of this service that another service's search included: the
   * gateway's next round. See https://hl7.org/fhir/R4/search.html#include
   */
  async includeFrom(request: IncludeFromRequest): Promise<IncludeFromReply> {
    const query = parseSearchQuery({
      resourceType: request.resourceType,
      params: request.params,
      lookup: searchParameter,
      baseUrl: '',
    });
    if (query.filters.length > 0 || [...query.include, ...query.revinclude].some((directive) => !directive.iterate)) {
      throw FhirError.badRequest('An include continuation takes only _include:iterate and _revinclude:iterate');
    }
    const frontier = request.frontier.map((reference) => {
      const [resourceType, id] = reference.split('/');
      this.requireSearchable(resourceType);
      return { resourceType, id };
    });
    const result = await this.store.includeFrom(query, frontier, accessPolicyOf(request.access), {
      isLocalType: (type) => owningService(type) === this.service,
    });
    const foreign = { include: result.foreignIncludes, revinclude: result.foreignRevincludes };
    return {
      included: result.included,
      ...(foreign.include.length + foreign.revinclude.length === 0 ? {} : { foreign }),
    };
  }

  /** Several resources of this service's types in one batch (cross-service `_include`); unknown ones left out. */
  async readMany(request: ReadManyResourcesRequest): Promise<IncludedResourcesReply> {
    request.references.forEach(([resourceType]) => this.requireSearchable(resourceType));
    const keys = request.references.map(([resourceType, id]) => ({ resourceType, id }));
    return { resources: await this.store.readMany(keys, accessPolicyOf(request.access)) };
  }

  /**
   * This service's resources of `sourceType` that reference one of the targets (another service's matches): the
   * cross-service half of `_revinclude`. See https://hl7.org/fhir/R4/search.html#revinclude
   */
  async revinclude(request: RevincludeResourcesRequest): Promise<IncludedResourcesReply> {
    if (request.sourceType !== '*') {
      this.requireSearchable(request.sourceType);
    }
    const targets = request.targets.map((target) => {
      const [resourceType, id] = target.split('/');
      return { resourceType, id };
    });
    const access = accessPolicyOf(request.access);
    return { resources: await this.store.referencing(request.sourceType, request.code, targets, access) };
  }

  /**
   * Re-indexes chunk after chunk from `request.from` until REINDEX_BUDGET_MS have passed or the end is reached,
   * and says where to continue: the caller drives a long re-index as many short requests.
   */
  async reindex(request: ReindexResourcesRequest): Promise<ReindexResourcesReply> {
    if (request.resourceType !== undefined) {
      this.requireSearchable(request.resourceType);
    }
    const started = Date.now();
    let reindexed = 0;
    let next = request.from;
    do {
      const step = await this.store.reindexChunk(next, request.resourceType);
      reindexed += step.count;
      next = step.next;
    } while (next !== undefined && Date.now() - started < REINDEX_BUDGET_MS);
    this.logger.info({ reindexed, next }, 'Re-indexed resources');
    return { reindexed, ...(next === undefined ? {} : { next: { ...next } }) };
  }

  /** Stores a batch of resources in one transaction; each must be of a type this service owns. */
  async importResources(request: ImportResourcesRequest): Promise<ImportResourcesReply> {
    this.requireOwnership(request.resources);
    const reply = await this.store.importResources(request.resources);
    this.logger.debug({ source: request.source, ...reply }, 'Imported resources');
    return reply;
  }

  async count(): Promise<CountResourcesReply> {
    return { total: await this.store.count() };
  }

  /** The service answers (it is running) and says whether its database does. */
  async health(): Promise<HealthReply> {
    return { service: this.service, database: (await this.store.ping()) ? 'up' : 'down' };
  }

  /** Another service's types are never stored here: searching them would silently answer nothing. */
  private requireSearchable(resourceType: string): void {
    const owner = owningService(resourceType);
    if (owner === undefined) {
      throw FhirError.notFound(`Unknown resource type ${resourceType}`);
    }
    if (owner !== this.service) {
      throw FhirError.badRequest(`${resourceType} belongs to the ${owner} service, not the ${this.service} service`);
    }
  }

  /** A resource stored by the wrong service could never be read back: the gateway routes reads by type. */
  private requireOwnership(resources: readonly ResourceToImport[]): void {
    for (const { resourceType, id } of resources) {
      const owner = owningService(resourceType);
      if (owner === undefined) {
        throw FhirError.badRequest(
          `Resource ${resourceType}/${id} cannot be stored: ${resourceType} is not an R4 resource type`,
        );
      }
      if (owner !== this.service) {
        throw FhirError.badRequest(
          `Resource ${resourceType}/${id} belongs to the ${owner} service, not the ${this.service} service`,
        );
      }
    }
  }
}

/** `_summary=count`: the total and no entries (and so no includes). See https://hl7.org/fhir/R4/search.html#summary */
function countOnly(query: SearchRequest): SearchRequest {
  return query.summary === 'count' ? { ...query, count: 0, include: [], revinclude: [] } : query;
}
