import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  RESOURCE_SERVICE_SUBJECTS,
  ReadResourceHistoryRequest,
  ReadResourceReply,
  ReadResourceVersionRequest,
  ResourceHistoryReply,
} from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { SERVICE_CLIENTS, type ServiceClients } from '@connector/shared-transport';
import { accessContextOf } from '../auth/access-context.util';
import { CLOCK, type Clock } from '../clock';
import { FHIR_BASE_PATHS } from '../gateway.constants';
import { publicOrigin } from '../http/base-url.util';
import { buildHistoryBundle } from './history-bundle.builder';
import { ownerOfResource } from './resource-owner.util';

// The store numbers versions 1, 2, …, within a 32-bit integer column: any other version id names no version.
const STORED_VERSION_ID = /^[1-9][0-9]{0,8}$/;

/**
 * `GET [base]/[type]/[id]/_history/[vid]` (vread) and `GET [base]/[type]/[id]/_history` (instance history), routed
 * to the owning service with the token's access context; both count as reads for the token's scopes.
 * See https://hl7.org/fhir/R4/http.html#vread
 */
@Injectable()
export class ResourceHistoryService {
  constructor(
    @Inject(SERVICE_CLIENTS) private readonly clients: ServiceClients,
    @Inject(CONNECTOR_CONFIG) private readonly config: ConnectorConfig,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  /** One stored version as the service's JSON text, untouched. */
  async readVersion(resourceType: string, id: string, versionId: string, request: FastifyRequest): Promise<string> {
    const owner = ownerOfResource(resourceType, id);
    if (!STORED_VERSION_ID.test(versionId)) {
      throw FhirError.notFound(`Version ${versionId} of resource ${resourceType}/${id} not found`);
    }
    const payload = Object.assign(new ReadResourceVersionRequest(), {
      resourceType,
      id,
      versionId: Number(versionId),
      access: accessContextOf(request.accessToken, resourceType, 'read'),
    });
    const subject = RESOURCE_SERVICE_SUBJECTS[owner].readResourceVersion;
    return (await this.clients.get(owner).request(subject, payload, ReadResourceReply)).resource;
  }

  /** The `history` Bundle of one resource, newest version first, as JSON text. */
  async history(resourceType: string, id: string, request: FastifyRequest): Promise<string> {
    const owner = ownerOfResource(resourceType, id);
    const payload = Object.assign(new ReadResourceHistoryRequest(), {
      resourceType,
      id,
      access: accessContextOf(request.accessToken, resourceType, 'read'),
    });
    const subject = RESOURCE_SERVICE_SUBJECTS[owner].readResourceHistory;
    const reply = await this.clients.get(owner).request(subject, payload, ResourceHistoryReply);
    return buildHistoryBundle({
      id: randomUUID(),
      lastUpdated: new Date(this.now()).toISOString(),
      fhirBase: `${publicOrigin(this.config, request)}${FHIR_BASE_PATHS[0]}`,
      resourceType,
      resourceId: id,
      versions: reply.versions,
    });
  }
}
