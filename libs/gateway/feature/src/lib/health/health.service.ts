import { Inject, Injectable } from '@nestjs/common';
import {
  AuthSubjects,
  HealthCheckRequest,
  HealthReply,
  RESOURCE_SERVICE_SUBJECTS,
  SERVICE_NAMES,
  type ServiceName,
} from '@connector/contracts';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { SERVICE_CLIENTS, type ServiceClients } from '@connector/shared-transport';
import { HEALTH_CHECK_TIMEOUT_MS } from '../gateway.constants';
import type { HealthReport, ServiceCheck } from './health-report';

// A Record, so a service added to SERVICE_NAMES fails to compile here until it has a health subject.
const HEALTH_SUBJECTS: Readonly<Record<ServiceName, string>> = {
  auth: AuthSubjects.health,
  chart: RESOURCE_SERVICE_SUBJECTS.chart.health,
  practice: RESOURCE_SERVICE_SUBJECTS.practice.health,
  terminology: RESOURCE_SERVICE_SUBJECTS.terminology.health,
};

const DOWN: ServiceCheck = { status: 'down', database: 'unknown' };

/** Liveness (this process answers) and readiness (every service answers with its database up, quickly). */
@Injectable()
export class HealthService {
  private readonly timeoutMs: number;

  constructor(
    @Inject(SERVICE_CLIENTS) private readonly clients: ServiceClients,
    @Inject(CONNECTOR_CONFIG) config: ConnectorConfig,
  ) {
    this.timeoutMs = Math.min(HEALTH_CHECK_TIMEOUT_MS, config.serviceTimeoutMs);
  }

  live(): HealthReport {
    return { status: 'ok', checks: {} };
  }

  async readiness(): Promise<HealthReport> {
    const checks = await Promise.all(SERVICE_NAMES.map((service) => this.check(service)));
    const ready = checks.every((check) => check.status === 'up' && check.database === 'up');
    return {
      status: ready ? 'ok' : 'unavailable',
      checks: Object.fromEntries(SERVICE_NAMES.map((service, index) => [service, checks[index]])),
    };
  }

  private async check(service: ServiceName): Promise<ServiceCheck> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<ServiceCheck>((resolve) => {
      timer = setTimeout(() => resolve(DOWN), this.timeoutMs);
    });
    const answered = this.clients
      .get(service)
      .request(HEALTH_SUBJECTS[service], new HealthCheckRequest(), HealthReply)
      .then((reply): ServiceCheck => ({ status: 'up', database: reply.database }))
      .catch(() => DOWN);
    try {
      return await Promise.race([answered, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
