import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  AuthorizationCodeRepository,
  AuthorizationRequestRepository,
  LaunchContextRepository,
  RevokedTokenRepository,
} from '@connector/auth-data-access';
import { createLogger } from '@connector/shared-logging';
import { AUTH_CLOCK, type AuthClock } from '../auth-clock';

/** How often expired short-lived rows are removed (they are refused when expired anyway; this only bounds growth). */
export const HOUSEKEEPING_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Removes what has expired: sign-in requests left half-way, codes never redeemed, unused launch contexts, and
 * revoked token ids past their expiry. Every copy of the service may run it; the deletes are idempotent.
 */
@Injectable()
export class AuthHousekeepingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger(AuthHousekeepingService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly requests: AuthorizationRequestRepository,
    private readonly codes: AuthorizationCodeRepository,
    private readonly launches: LaunchContextRepository,
    private readonly revoked: RevokedTokenRepository,
    @Inject(AUTH_CLOCK) private readonly now: AuthClock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purgeExpired(), HOUSEKEEPING_INTERVAL_MS);
    // Housekeeping must never keep a process alive on its own.
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass; failures are logged, never thrown (the next pass tries again). */
  async purgeExpired(): Promise<void> {
    const now = new Date(this.now()).toISOString();
    try {
      await this.requests.deleteExpired(now);
      await this.codes.deleteExpired(now);
      await this.launches.deleteExpired(now);
      await this.revoked.deleteExpired(now);
    } catch (error) {
      this.logger.error({ err: error }, 'Removing expired authorization rows failed');
    }
  }
}
