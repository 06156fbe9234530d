import { Controller, Get, Header, Param, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { FHIR_JSON_CONTENT_TYPE } from '../gateway.constants';
import { sendVersionedResource } from '../http/conditional-read.util';
import { FHIR_CONTROLLER_PATHS } from './fhir-routes.constants';
import { MetadataService } from './metadata.service';
import { ResourceHistoryService } from './resource-history.service';
import { ResourceReadService } from './resource-read.service';
import { ResourceSearchService } from './resource-search.service';
import { type SmartConfiguration } from './smart-configuration.builder';
import { SmartConfigurationService } from './smart-configuration.service';
import { resourceVersion } from './resource-version.util';

/** The FHIR REST API under every base path. See https://hl7.org/fhir/R4/http.html */
@Controller(FHIR_CONTROLLER_PATHS)
export class FhirController {
  constructor(
    private readonly metadata: MetadataService,
    private readonly smart: SmartConfigurationService,
    private readonly reads: ResourceReadService,
    private readonly searches: ResourceSearchService,
    private readonly histories: ResourceHistoryService,
  ) {}

  @Get('metadata')
  @Header('content-type', FHIR_JSON_CONTENT_TYPE)
  capabilities(@Req() request: FastifyRequest): string {
    return this.metadata.capabilityStatementJson(request);
  }

  @Get('.well-known/smart-configuration')
  smartConfiguration(@Req() request: FastifyRequest): SmartConfiguration {
    return this.smart.configuration(request);
  }

  // Both search forms; `_search` is a static segment, so the router prefers it to `:type/:id`.
  @Get([':type', ':type/_search'])
  @UseGuards(BearerAuthGuard)
  @Header('content-type', FHIR_JSON_CONTENT_TYPE)
  search(@Param('type') type: string, @Req() request: FastifyRequest): Promise<string> {
    return this.searches.search(type, request);
  }

  // Compartment search: `[base]/Patient/1/Observation?…`. See https://hl7.org/fhir/R4/http.html#vsearch
  @Get([':compartment/:id/:type', ':compartment/:id/:type/_search'])
  @UseGuards(BearerAuthGuard)
  @Header('content-type', FHIR_JSON_CONTENT_TYPE)
  compartmentSearch(
    @Param('compartment') compartment: string,
    @Param('id') id: string,
    @Param('type') type: string,
    @Req() request: FastifyRequest,
  ): Promise<string> {
    return this.searches.search(type, request, { resourceType: compartment, id });
  }

  @Get(':type/:id')
  @UseGuards(BearerAuthGuard)
  @Header('content-type', FHIR_JSON_CONTENT_TYPE)
  async read(
    @Param('type') type: string,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const text = await this.reads.read(type, id, request.accessToken);
    sendVersionedResource(request, reply, text, resourceVersion(text));
  }

  // `_history` is a static segment, so the router prefers these to the compartment search `:compartment/:id/:type`.
  @Get(':type/:id/_history/:versionId')
  @UseGuards(BearerAuthGuard)
  @Header('content-type', FHIR_JSON_CONTENT_TYPE)
  async vread(
    @Param('type') type: string,
    @Param('id') id: string,
    @Param('versionId') versionId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const text = await this.histories.readVersion(type, id, versionId, request);
    sendVersionedResource(request, reply, text, resourceVersion(text));
  }

  @Get(':type/:id/_history')
  @UseGuards(BearerAuthGuard)
  @Header('content-type', FHIR_JSON_CONTENT_TYPE)
  history(@Param('type') type: string, @Param('id') id: string, @Req() request: FastifyRequest): Promise<string> {
    return this.histories.history(type, id, request);
  }
}
