import type { HealthState, ServiceName } from '@connector/contracts';

/** One service's answer to its health subject; `unknown` database when the service itself did not answer. */
export interface ServiceCheck {
  readonly status: 'up' | 'down';
  readonly database: HealthState | 'unknown';
}

/** Body of `/health`, `/health/live` and `/health/ready`. */
export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly checks: Partial<Record<ServiceName, ServiceCheck>>;
}
