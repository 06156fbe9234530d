import { Inject, Injectable } from '@nestjs/common';
import {
  type AccessContext,
  RESOURCE_SERVICE_SUBJECTS,
  ReadResourceReply,
  ReadResourceRequest,
  type ResourceServiceName,
} from '@connector/contracts';
import { SERVICE_CLIENTS, type ServiceClients } from '@connector/shared-transport';
import type { AccessTokenClaims } from '../auth/access-token-claims';
import { accessContextOf } from '../auth/access-context.util';
import { ownerOfResource } from './resource-owner.util';

/**
 * `GET [base]/[type]/[id]`: routes the read to the owning service with the token's access context, which the service
 * applies (a resource outside it is a 404); a type the token's scopes do not grant is a 403 before that.
 * See https://hl7.org/fhir/R4/http.html#read
 */
@Injectable()
export class ResourceReadService {
  constructor(@Inject(SERVICE_CLIENTS) private readonly clients: ServiceClients) {}

  /** The stored resource as the service's JSON text, untouched: the hot path neither parses nor re-serializes. */
  async read(resourceType: string, id: string, claims: AccessTokenClaims | undefined): Promise<string> {
    const owner = ownerOfResource(resourceType, id);
    return this.readAs(owner, resourceType, id, accessContextOf(claims, resourceType, 'read'));
  }

  /** The same read with an access context the caller chose (e.g. full access for the gateway's own checks). */
  async readWith(resourceType: string, id: string, access: AccessContext): Promise<string> {
    return this.readAs(ownerOfResource(resourceType, id), resourceType, id, access);
  }

  private async readAs(
    owner: ResourceServiceName,
    resourceType: string,
    id: string,
    access: AccessContext,
  ): Promise<string> {
    const request = Object.assign(new ReadResourceRequest(), { resourceType, id, access });
    const subject = RESOURCE_SERVICE_SUBJECTS[owner].readResource;
    const reply = await this.clients.get(owner).request(subject, request, ReadResourceReply);
    return reply.resource;
  }
}
