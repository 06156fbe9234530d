import { Controller, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ImportResourcesRequest,
  IncludeFromRequest,
  type IncludeFromReply,
  RESOURCE_SERVICE_SUBJECTS,
  ReadManyResourcesRequest,
  ReadResourceRequest,
  ReadResourceHistoryRequest,
  ReadResourceVersionRequest,
  type ResourceHistoryReply,
  ReindexResourcesRequest,
  type ReindexResourcesReply,
  RevincludeResourcesRequest,
  type IncludedResourcesReply,
  SearchResourcesRequest,
  type CountResourcesReply,
  type HealthReply,
  type ImportResourcesReply,
  type ReadResourceReply,
  type ResourceServiceName,
  type SearchResourcesReply,
} from '@connector/contracts';
import { ResourceService } from './resource.service';

/** The message handlers every resource-holding service exposes, one per subject of its service. */
export interface ResourceHandler {
  readResource(request: ReadResourceRequest): Promise<ReadResourceReply>;
  readResourceVersion(request: ReadResourceVersionRequest): Promise<ReadResourceReply>;
  readResourceHistory(request: ReadResourceHistoryRequest): Promise<ResourceHistoryReply>;
  searchResources(request: SearchResourcesRequest): Promise<SearchResourcesReply>;
  readManyResources(request: ReadManyResourcesRequest): Promise<IncludedResourcesReply>;
  revincludeResources(request: RevincludeResourcesRequest): Promise<IncludedResourcesReply>;
  includeFromResources(request: IncludeFromRequest): Promise<IncludeFromReply>;
  importResources(request: ImportResourcesRequest): Promise<ImportResourcesReply>;
  reindexResources(request: ReindexResourcesRequest): Promise<ReindexResourcesReply>;
  /** Answers CountResourcesRequest (empty). */
  countResources(): Promise<CountResourcesReply>;
  /** Answers HealthCheckRequest (empty). */
  health(): Promise<HealthReply>;
}

/**
 * The handler class of one service. `@MessagePattern` needs its subject when the decorator runs, that is when the
 * class is defined, but the service (chart, practice or terminology) is a runtime parameter of forRoot. Defining
 * the class inside this factory evaluates its decorators once per call, with that service's subject constants;
 * the emitted parameter types still let the ValidationPipe turn each payload into its DTO.
 */
export function createResourceHandler(service: ResourceServiceName): Type<ResourceHandler> {
  const subjects = RESOURCE_SERVICE_SUBJECTS[service];

  @Controller()
  class ResourceMessageHandler implements ResourceHandler {
    constructor(private readonly resources: ResourceService) {}

    @MessagePattern(subjects.readResource)
    readResource(@Payload() request: ReadResourceRequest): Promise<ReadResourceReply> {
      return this.resources.read(request);
    }

    @MessagePattern(subjects.readResourceVersion)
    readResourceVersion(@Payload() request: ReadResourceVersionRequest): Promise<ReadResourceReply> {
      return this.resources.readVersion(request);
    }

    @MessagePattern(subjects.readResourceHistory)
    readResourceHistory(@Payload() request: ReadResourceHistoryRequest): Promise<ResourceHistoryReply> {
      return this.resources.history(request);
    }

    @MessagePattern(subjects.searchResources)
    searchResources(@Payload() request: SearchResourcesRequest): Promise<SearchResourcesReply> {
      return this.resources.search(request);
    }

    @MessagePattern(subjects.readManyResources)
    readManyResources(@Payload() request: ReadManyResourcesRequest): Promise<IncludedResourcesReply> {
      return this.resources.readMany(request);
    }

    @MessagePattern(subjects.revincludeResources)
    revincludeResources(@Payload() request: RevincludeResourcesRequest): Promise<IncludedResourcesReply> {
      return this.resources.revinclude(request);
    }

    @MessagePattern(subjects.includeFromResources)
    includeFromResources(@Payload() request: IncludeFromRequest): Promise<IncludeFromReply> {
      return this.resources.includeFrom(request);
    }

    @MessagePattern(subjects.importResources)
    importResources(@Payload() request: ImportResourcesRequest): Promise<ImportResourcesReply> {
      return this.resources.importResources(request);
    }

    @MessagePattern(subjects.reindexResources)
    reindexResources(@Payload() request: ReindexResourcesRequest): Promise<ReindexResourcesReply> {
      return this.resources.reindex(request);
    }

    // The count and health requests are empty: there is no payload to read.
    @MessagePattern(subjects.countResources)
    countResources(): Promise<CountResourcesReply> {
      return this.resources.count();
    }

    @MessagePattern(subjects.health)
    health(): Promise<HealthReply> {
      return this.resources.health();
    }
  }

  return ResourceMessageHandler;
}
