import { BadRequestException, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { validate } from 'class-validator';
import { AuthSubjects, CreateLaunchReply, CreateLaunchRequest } from '@connector/contracts';
import { SERVICE_CLIENTS, type ServiceClients } from '@connector/shared-transport';
import type { AccessTokenClaims } from '../auth/access-token-claims';
import type { FormBody } from '../http/body-parsers';

/** Roles that may open an app on a patient's chart: the EHR's own users. */
const LAUNCHING_ROLES: ReadonlySet<unknown> = new Set(['provider', 'staff']);

/**
 * `POST /oauth/launch`: an EHR or portal, holding its own access token, creates the launch context for an app it is
 * about to open (`{ "patient": "…", "encounter": "…" }`, JSON or form) and passes the returned `launch` to the app.
 */
@Injectable()
export class LaunchService {
  constructor(@Inject(SERVICE_CLIENTS) private readonly clients: ServiceClients) {}

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
    const reply = await this.clients.get('auth').request(AuthSubjects.createLaunch, request, CreateLaunchReply);
    return { launch: reply.launch, expires_in: reply.expiresIn };
  }
}

/** `patient` and `encounter` from a JSON object or a urlencoded form; nothing else is read. */
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
    source = Object.fromEntries(Object.entries(body as FormBody).map(([name, values]) => [name, values[0]]));
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
