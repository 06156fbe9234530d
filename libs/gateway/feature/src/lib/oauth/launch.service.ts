import { BadRequestException, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { validate } from 'class-validator';
import { AuthSubjects, CreateLaunchReply, CreateLaunchRequest, FULL_ACCESS } from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { SERVICE_CLIENTS, type ServiceClients } from '@connector/shared-transport';
import type { AccessTokenClaims } from '../auth/access-token-claims';
import { ResourceReadService } from '../fhir/resource-read.service';

/** Roles that may open an app on a patient's chart: the EHR's own users. */
const LAUNCHING_ROLES: ReadonlySet<unknown> = new Set(['provider', 'staff']);

/**
 * `POST /oauth/launch`: an EHR or portal, holding its own access token, creates the launch context for an app it is
 * about to open (`{ "patient": "…", "encounter": "…" }`, JSON or form) and passes the returned `launch` to the app.
 */
@Injectable()
export class LaunchService {
  constructor(
    @Inject(SERVICE_CLIENTS) private readonly clients: ServiceClients,
    private readonly reads: ResourceReadService,
  ) {}

  async create(claims: AccessTokenClaims | undefined, body: unknown): Promise<{ launch: string; expires_in: number }> {
    const isUser = LAUNCHING_ROLES.has(claims?.['role']);
    const isBackendService =
      claims?.['role'] === undefined && (claims?.scope ?? '').split(' ').some((s) => s.startsWith('system/'));
    if (!claims || (!isUser && !isBackendService)) {
      throw new ForbiddenException('Only providers, staff and backend services may create launch contexts');
    }
    const fields = launchFields(body);
    const request = Object.assign(new CreateLaunchRequest(), {
      ...fields,
      createdBy: String(claims.sub ?? claims['client_id']),
    });
    const problems = await validate(request);
    if (problems.length > 0) {
      throw new BadRequestException(problems.flatMap((problem) => Object.values(problem.constraints ?? {})).join('; '));
    }
    await this.checkContext(request);
    const reply = await this.clients.get('auth').request(AuthSubjects.createLaunch, request, CreateLaunchReply);
    return { launch: reply.launch, expires_in: reply.expiresIn };
  }

  /** The launch names a patient and encounter that exist, and the encounter is that patient's. */
  private async checkContext(request: CreateLaunchRequest): Promise<void> {
    if (request.patient !== undefined && (await this.read('Patient', request.patient)) === undefined) {
      throw new BadRequestException(`Patient/${request.patient} does not exist`);
    }
    if (request.encounter === undefined) {
      return;
    }
    const encounter = await this.read('Encounter', request.encounter);
    if (encounter === undefined) {
      throw new BadRequestException(`Encounter/${request.encounter} does not exist`);
    }
    const subject = (encounter['subject'] as { reference?: string } | undefined)?.reference;
    if (request.patient !== undefined && !refersToPatient(subject, request.patient)) {
      throw new BadRequestException(`Encounter/${request.encounter} is not an encounter of Patient/${request.patient}`);
    }
  }

  /** The resource, or undefined when it does not exist; read with full access: this only checks existence. */
  private async read(resourceType: string, id: string): Promise<Record<string, unknown> | undefined> {
    try {
      return JSON.parse(await this.reads.readWith(resourceType, id, FULL_ACCESS)) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof FhirError && (error.status === 404 || error.status === 410)) {
        return undefined;
      }
      throw error;
    }
  }
}

/** A reference `Patient/<id>` (relative or absolute) names this patient. */
function refersToPatient(reference: string | undefined, patientId: string): boolean {
  return reference === `Patient/${patientId}` || (reference?.endsWith(`/Patient/${patientId}`) ?? false);
}

/** `patient` and `encounter` from a JSON object (parsed by Fastify, or raw bytes) or a urlencoded form. */
function launchFields(body: unknown): { patient?: string; encounter?: string } {
  let source: Record<string, unknown> = {};
  if (Buffer.isBuffer(body)) {
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      source = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      throw new BadRequestException('The launch request body must be JSON or a urlencoded form');
    }
  } else if (body !== null && typeof body === 'object') {
    // A urlencoded form arrives as name → every value (FormBody); a JSON object as it was sent.
    source = Object.fromEntries(
      Object.entries(body as Record<string, unknown>).map(([name, value]) => [
        name,
        Array.isArray(value) ? value[0] : value,
      ]),
    );
  }
  const fields: { patient?: string; encounter?: string } = {};
  for (const name of ['patient', 'encounter'] as const) {
    const value = source[name];
    if (value !== undefined) {
      if (typeof value !== 'string') {
        throw new BadRequestException(`${name} must be a string`);
      }
      fields[name] = value;
    }
  }
  return fields;
}
