import { type AppProcess, BACKEND_SERVICES, type BackendService, startApp, waitForStatus } from './process-topology';

export interface DistributedTopologyOptions {
  natsUrl: string;
  databaseUrl: string;
  port: number;
  extraEnv?: Record<string, string>;
}

/** The distributed deployment as OS processes: four services on NATS + PostgreSQL, and the gateway in front. */
export class DistributedTopology {
  private constructor(
    readonly options: DistributedTopologyOptions,
    readonly services: Map<BackendService, AppProcess>,
    public gateway: AppProcess,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  /** The environment a CLI run needs to reach this topology. */
  get env(): Record<string, string> {
    return { NATS_URL: this.options.natsUrl, LOG_LEVEL: 'warn', ...this.options.extraEnv };
  }

  static async start(options: DistributedTopologyOptions): Promise<DistributedTopology> {
    const services = new Map<BackendService, AppProcess>();
    try {
      for (const service of BACKEND_SERVICES) {
        services.set(service, await startService(service, options));
      }
      const gateway = await startApp('gateway', gatewayEnv(options), 'Connector listening');
      const topology = new DistributedTopology(options, services, gateway);
      await waitForStatus(`${topology.baseUrl}/health/ready`, 200);
      return topology;
    } catch (error) {
      await Promise.allSettled([...services.values()].map((process) => process.stop('SIGKILL')));
      throw error;
    }
  }

  async kill(service: BackendService): Promise<void> {
    await this.services.get(service)?.stop('SIGKILL');
  }

  async restart(service: BackendService): Promise<void> {
    await this.kill(service);
    this.services.set(service, await startService(service, this.options));
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.gateway, ...this.services.values()].map((process) => process.stop()));
  }
}

function startService(service: BackendService, options: DistributedTopologyOptions): Promise<AppProcess> {
  return startApp(
    service,
    { NATS_URL: options.natsUrl, DATABASE_URL: options.databaseUrl, ...options.extraEnv },
    `${service} service listening`,
  );
}

function gatewayEnv(options: DistributedTopologyOptions): Record<string, string> {
  return { NATS_URL: options.natsUrl, PORT: String(options.port), HOST: '127.0.0.1', ...options.extraEnv };
}
