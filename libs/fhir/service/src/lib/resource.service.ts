import { Inject, Injectable } from '@nestjs/common';
import {
  type CountResourcesReply,
  type HealthReply,
  type ImportResourcesReply,
  type ImportResourcesRequest,
  owningService,
  type ReadResourceReply,
  type ReadResourceRequest,
  type ResourceServiceName,
  type ResourceToImport,
} from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { ResourceStore } from '@connector/fhir-store';
import { createLogger } from '@connector/shared-logging';
import { RESOURCE_SERVICE_NAME } from './resource-service.constants';

/** The work behind a resource-holding service's subjects: read, import, count, health. */
@Injectable()
export class ResourceService {
  private readonly logger = createLogger(ResourceService.name);

  constructor(
    private readonly store: ResourceStore,
    @Inject(RESOURCE_SERVICE_NAME) private readonly service: ResourceServiceName,
  ) {}

  /** The current version of one resource. See https://hl7.org/fhir/R4/http.html#read */
  async read(request: ReadResourceRequest): Promise<ReadResourceReply> {
    const resource = await this.store.read(request.resourceType, request.id);
    if (resource === null) {
      throw FhirError.resourceNotFound(request.resourceType, request.id);
    }
    return { resource };
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
