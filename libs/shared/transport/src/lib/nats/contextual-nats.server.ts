import { ServerNats } from '@nestjs/microservices';
import type { Msg } from 'nats';
import { REQUEST_ID_HEADER, requestContext, requestIdFrom } from '@connector/shared-logging';
import { isPlainSubject } from '../subject-route.util';

/**
 * Nest's NATS server, with each message handled inside the request context of the HTTP request that caused it
 * (its id travels in a NATS header). Done here rather than in a Nest interceptor: interceptors wrap every call in
 * AsyncResource.bind, which costs more than the whole rest of a read.
 */
export class ContextualNatsServer extends ServerNats {
  override handleMessage(channel: string, natsMsg: Msg): Promise<unknown> {
    const requestId = requestIdFrom(natsMsg.headers?.get(REQUEST_ID_HEADER) || undefined);
    return requestContext.run({ requestId }, () => super.handleMessage(channel, natsMsg));
  }

  protected override getRouteFromPattern(pattern: string): string {
    return isPlainSubject(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }
}
