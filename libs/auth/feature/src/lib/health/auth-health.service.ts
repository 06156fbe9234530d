import { Injectable } from '@nestjs/common';
import { DatabaseHealthRepository } from '@connector/auth-data-access';
import type { HealthReply } from '@connector/contracts';

/** Whether the auth service can do its job: it answered, so it is alive; can it reach its database? */
@Injectable()
export class AuthHealthService {
  constructor(private readonly database: DatabaseHealthRepository) {}

  async check(): Promise<HealthReply> {
    try {
      await this.database.ping();
      return { service: 'auth', database: 'up' };
    } catch (error) {
      return { service: 'auth', database: 'down', detail: error instanceof Error ? error.message : String(error) };
    }
  }
}
