import { type CustomTransportStrategy, Server, type WritePacket } from '@nestjs/microservices';
import { REQUEST_ID_HEADER, requestContext, requestIdFrom } from '@connector/shared-logging';
import { isPlainSubject } from '../subject-route.util';
import type { InProcessBus, InProcessDispatcher } from './in-process-bus';
import { InProcessContext } from './in-process.context';

/**
 * A Nest microservice transport strategy that serves its @MessagePattern handlers on an {@link InProcessBus}: the
 * same handler pipeline (pipes, filters, interceptors) and the same reply semantics as the NATS server, without a
 * network hop. Used by embedded mode, where all services share one process.
 */
export class InProcessServer extends Server implements CustomTransportStrategy {
  private readonly registered: string[] = [];
  // Each request runs in the request context of its caller (see ContextualNatsServer for why not an interceptor).
  private readonly dispatch: InProcessDispatcher = (subject, data, headers, respond) => {
    const requestId = requestIdFrom(headers.get(REQUEST_ID_HEADER));
    requestContext.run({ requestId }, () => void this.handleRequest(subject, data, headers, respond));
  };

  constructor(private readonly bus: InProcessBus) {
    super();
  }

  listen(callback: () => void): void {
    for (const subject of this.messageHandlers.keys()) {
      this.bus.register(subject, this.dispatch);
      this.registered.push(subject);
    }
    callback();
  }

  close(): void {
    for (const subject of this.registered.splice(0)) {
      this.bus.unregister(subject, this.dispatch);
    }
  }

  on(): void {
    // The in-process transport has no connection events to subscribe to.
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  protected override getRouteFromPattern(pattern: string): string {
    return isPlainSubject(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }

  private async handleRequest(
    subject: string,
    data: unknown,
    headers: ReadonlyMap<string, string>,
    respond: (packet: WritePacket) => void,
  ): Promise<void> {
    const handler = this.getHandlerByPattern(subject);
    if (!handler) {
      respond({ err: `There is no handler for ${subject}`, isDisposed: true });
      return;
    }
    try {
      const response$ = this.transformToObservable(await handler(data, new InProcessContext([subject, headers])));
      this.send(response$, respond);
    } catch (error) {
      respond({ err: error, isDisposed: true });
    }
  }
}
