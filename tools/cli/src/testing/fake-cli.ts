import { ImportResourcesReply, type ServiceName } from '@connector/contracts';
import type { CliClients, OpenedServices } from '../cli-clients';
import type { CliDeps } from '../cli-deps';
import type { CliOutput } from '../output/cli-output';

export interface SentRequest {
  readonly service: ServiceName;
  readonly subject: string;
  readonly payload: Record<string, unknown>;
}

/** Answers a request the way a service would, or throws to reject it. */
export type FakeHandler = (request: SentRequest) => object;

/**
 * Fake service clients: record every request; resource imports answer "all created" unless `handler` says
 * otherwise. Replies are instances of the requested reply class, as the real ServiceClient returns.
 */
export function fakeClients(sent: SentRequest[], handler?: FakeHandler): CliClients {
  return {
    get: (service) => ({
      request: <T extends object>(subject: string, payload: object, replyType: new () => T): Promise<T> => {
        const request = { service, subject, payload: payload as Record<string, unknown> };
        sent.push(request);
        try {
          const plain = handler?.(request) ?? allCreated(request);
          return Promise.resolve(Object.assign(new replyType(), plain));
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
    }),
  };
}

/** The reply of a service that stored every resource it was sent as new. */
export function allCreated(request: SentRequest): ImportResourcesReply {
  const resources = (request.payload['resources'] ?? []) as { resourceType: string }[];
  const byType: Record<string, number> = {};
  for (const { resourceType } of resources) {
    byType[resourceType] = (byType[resourceType] ?? 0) + 1;
  }
  return Object.assign(new ImportResourcesReply(), { created: resources.length, updated: 0, unchanged: 0, byType });
}

/** An output that collects stdout and stderr lines. */
export function collectingOutput(): CliOutput & { readonly lines: string[]; readonly errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    isTTY: false,
    lines,
    errors,
    out: (text) => lines.push(...text.split('\n')),
    err: (text) => errors.push(...text.split('\n')),
  };
}

export interface FakeCli {
  readonly deps: CliDeps;
  readonly output: ReturnType<typeof collectingOutput>;
  readonly sent: SentRequest[];
  /** How often services were opened and closed. */
  readonly lifecycle: { opened: number; closed: number };
}

export function fakeCli(cwd: string, handler?: FakeHandler): FakeCli {
  const output = collectingOutput();
  const sent: SentRequest[] = [];
  const lifecycle = { opened: 0, closed: 0 };
  const openServices = (): Promise<OpenedServices> => {
    lifecycle.opened++;
    return Promise.resolve({
      clients: fakeClients(sent, handler),
      close: () => {
        lifecycle.closed++;
        return Promise.resolve();
      },
    });
  };
  return { deps: { output, openServices, cwd, now: () => 0 }, output, sent, lifecycle };
}
