import { Injectable } from '@nestjs/common';
import { LaunchContextEntity, LaunchContextRepository } from '@connector/auth-data-access';
import type { CreateLaunchReply, CreateLaunchRequest } from '@connector/contracts';
import { AuditTrailService } from '../audit/audit-trail.service';
import { randomToken } from './browser-binding.util';

/** A launch is used right away by the app the EHR opens; it need not live longer than a sign-in takes. */
export const LAUNCH_TTL_SECONDS = 10 * 60;

/**
 * Creates EHR launch contexts: the EHR (or patient portal) stores which patient and encounter are open and hands
 * the app an opaque `launch` value to bring to the authorize endpoint.
 * See https://hl7.org/fhir/smart-app-launch/app-launch.html#launch-app-ehr-launch
 */
@Injectable()
export class LaunchContextService {
  constructor(
    private readonly launches: LaunchContextRepository,
    private readonly audit: AuditTrailService,
  ) {}

  async create(request: CreateLaunchRequest): Promise<CreateLaunchReply> {
    const launch = Object.assign(new LaunchContextEntity(), {
      id: randomToken(),
      patientId: request.patient ?? null,
      encounterId: request.encounter ?? null,
      createdBy: request.createdBy,
      expiresAt: new Date(Date.now() + LAUNCH_TTL_SECONDS * 1000).toISOString(),
    } satisfies LaunchContextEntity);
    await this.launches.insert(launch);
    void this.audit.record({
      event: 'launch',
      outcome: 'success',
      username: request.createdBy,
      detail: request.patient,
    });
    return { launch: launch.id, expiresIn: LAUNCH_TTL_SECONDS };
  }
}
