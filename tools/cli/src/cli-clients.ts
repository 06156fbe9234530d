import type { ServiceName } from '@connector/contracts';

/**
 * What the CLI needs of `ServiceClients` (@connector/shared-transport): request/reply per service. Structural, so
 * unit specs pass fakes and the real clients fit as they are.
 */
export interface CliClients {
  get(service: ServiceName): {
    request<T extends object>(subject: string, payload: object, replyType: new () => T): Promise<T>;
  };
}

/** Clients plus whatever must be shut down after the command (a NATS connection or the embedded services). */
export interface OpenedServices {
  readonly clients: CliClients;
  close(): Promise<void>;
}
