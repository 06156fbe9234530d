import { Injectable } from '@nestjs/common';
import { ClientEntity, ClientRepository } from '@connector/auth-data-access';
import type { CreateClientReply, CreateClientRequest } from '@connector/contracts';
import { FhirError, operationOutcome } from '@connector/fhir-outcomes';
import { hashSecret } from '../secrets/secret-hash.util';

/** Registers OAuth clients (from the CLI or demo-data seeding). */
@Injectable()
export class ClientAdminService {
  constructor(private readonly clients: ClientRepository) {}

  /** Stores the client with a bcrypt hash of its secret (none: a public client); 409 when the id is taken. */
  async createClient(request: CreateClientRequest): Promise<CreateClientReply> {
    const client = new ClientEntity();
    client.clientId = request.clientId;
    client.secretHash = request.clientSecret === undefined ? null : await hashSecret(request.clientSecret);
    client.name = request.name ?? request.clientId;
    client.scopes = [...new Set(request.scopes)];
    client.grantTypes = [...new Set(request.grantTypes)];
    client.redirectUris = [...new Set(request.redirectUris ?? [])];
    client.launchTypes = [...new Set(request.launchTypes ?? [])];
    client.jwks = request.jwks ?? null;
    client.jwksUri = request.jwksUri ?? null;
    client.createdAt = new Date().toISOString();
    if (!(await this.clients.insertIfAbsent(client))) {
      throw new FhirError(409, operationOutcome('error', 'duplicate', `Client ${request.clientId} already exists`));
    }
    return { clientId: client.clientId };
  }
}
