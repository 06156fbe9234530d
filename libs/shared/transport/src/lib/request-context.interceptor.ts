import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { REQUEST_ID_HEADER, requestContext, requestIdFrom } from '@connector/shared-logging';

interface HeaderReader {
  get(key: string): string | undefined;
}

interface ContextWithHeaders {
  getHeaders?: () => HeaderReader | undefined;
}

/**
 * Runs each message handler inside the request context of the HTTP request that caused it: the request id comes in
 * a message header (NATS MsgHdrs or the in-process equivalent) and lands in the AsyncLocalStorage that logs read.
 */
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpcContext = context.switchToRpc().getContext<ContextWithHeaders>();
    const requestId = requestIdFrom(rpcContext.getHeaders?.()?.get(REQUEST_ID_HEADER));
    return new Observable((subscriber) =>
      requestContext.run({ requestId }, () => next.handle().subscribe(subscriber)),
    );
  }
}
