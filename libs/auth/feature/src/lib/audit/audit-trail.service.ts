import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type AuditEventEntity, AuditEventRepository } from '@connector/auth-data-access';
import { createLogger } from '@connector/shared-logging';
import { AUTH_CLOCK, type AuthClock } from '../auth-clock';
import { AUDIT_DETAIL_MAX_LENGTH, type AuditEventName, type AuditOutcome } from './audit-events.constants';

/**
 * One auth event as a caller reports it. Callers pass identifiers and short reasons only: never a password, client
 * secret, code, access or refresh token, or a request body — the trail is read by operators, so it must not become
 * a second place where credentials live.
 */
export interface AuditRecord {
  readonly event: AuditEventName;
  readonly outcome: AuditOutcome;
  readonly username?: string;
  readonly clientId?: string;
  readonly ip?: string;
  /** A short reason such as an OAuth error code; cut to {@link AUDIT_DETAIL_MAX_LENGTH} characters. */
  readonly detail?: string;
}

/** Column widths of `auth_audit_event`: longer values would make PostgreSQL reject the whole row. */
const MAX_LENGTH = { username: 128, clientId: 128, ip: 64 } as const;

/** Writes the audit trail of authentication and authorization events, and logs each one. */
@Injectable()
export class AuditTrailService {
  private readonly logger = createLogger(AuditTrailService.name);

  constructor(
    private readonly events: AuditEventRepository,
    @Inject(AUTH_CLOCK) private readonly now: AuthClock,
  ) {}

  /**
   * Stores and logs one event. Never rejects: auditing must not turn a login that succeeded into an error, so a
   * failed write is logged (with the event, for later reconciliation) and swallowed.
   */
  async record(record: AuditRecord): Promise<void> {
    let entry: AuditEventEntity | undefined;
    try {
      entry = this.entryOf(record);
      this.logger.info({ audit: entry }, 'Auth event');
      await this.events.insert(entry);
    } catch (error) {
      this.logger.error({ err: error, audit: entry ?? { event: record.event } }, 'Could not store an auth audit event');
    }
  }

  private entryOf(record: AuditRecord): AuditEventEntity {
    return {
      id: randomUUID(),
      at: new Date(this.now()).toISOString(),
      event: record.event,
      outcome: record.outcome,
      username: truncated(record.username, MAX_LENGTH.username),
      clientId: truncated(record.clientId, MAX_LENGTH.clientId),
      ip: truncated(record.ip, MAX_LENGTH.ip),
      detail: truncated(record.detail, AUDIT_DETAIL_MAX_LENGTH),
    };
  }
}

/** The value cut to `maxLength` characters, the last one an ellipsis when something was cut; null when absent. */
function truncated(value: string | undefined, maxLength: number): string | null {
  if (value === undefined) {
    return null;
  }
  return value.length <= maxLength ? value : `${value.slice(0, maxLength - 1)}…`;
}
