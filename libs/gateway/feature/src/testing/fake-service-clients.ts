import type { ServiceName } from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';
import { requestContext } from '@connector/shared-logging';
import type { ServiceClient, ServiceClients } from '@connector/shared-transport';

/** Answers one subject: returns the reply's plain fields, or throws (e.g. a FhirError) to fail the request. */
export type FakeHandler = (payload: object) => object | Promise<object>;

/** What a fake client saw: which service, subject and payload, under which request id. */
export interface FakeCall {
  readonly service: ServiceName;
  readonly subject: string;
  readonly payload: object;
  readonly requestId: string | undefined;
}

/**
 * A stand-in for the transport's ServiceClients: each subject answered by a handler, every call recorded.
 * A subject with no handler fails like a service that is down (503).
 */
export class FakeServiceClients {
  readonly calls: FakeCall[] = [];

  constructor(readonly handlers: Record<string, FakeHandler> = {}) {}

  get(service: ServiceName): ServiceClient {
    const request = async <T extends object>(subject: string, payload: object, replyType: new () => T): Promise<T> => {
      this.calls.push({ service, subject, payload, requestId: requestContext.requestId() });
      const handler = this.handlers[subject];
      if (handler === undefined) {
        throw FhirError.unavailable(`The ${service} service is unavailable`);
      }
      return Object.assign(new replyType(), await handler(payload));
    };
    return { service, request } as unknown as ServiceClient;
  }

  async close(): Promise<void> {
    // Nothing to close.
  }

  callsTo(subject: string): FakeCall[] {
    return this.calls.filter((call) => call.subject === subject);
  }

  asServiceClients(): ServiceClients {
    return this as unknown as ServiceClients;
  }
}
