import type { WritePacket } from '@nestjs/microservices';

/** Delivers one request to the handler of a subject and reports every reply packet to `respond`. */
export type InProcessDispatcher = (
  subject: string,
  data: unknown,
  headers: ReadonlyMap<string, string>,
  respond: (packet: WritePacket) => void,
) => void;

/**
 * The in-process stand-in for a NATS server: subject → the dispatcher of the service that handles it. One bus per
 * embedded process; services register on listen and unregister on close, so a closed service answers like a NATS
 * subject with no responders.
 */
export class InProcessBus {
  private readonly dispatchers = new Map<string, InProcessDispatcher>();

  register(subject: string, dispatcher: InProcessDispatcher): void {
    if (this.dispatchers.has(subject)) {
      throw new Error(`Subject ${subject} already has a handler on this in-process bus`);
    }
    this.dispatchers.set(subject, dispatcher);
  }

  unregister(subject: string, dispatcher: InProcessDispatcher): void {
    if (this.dispatchers.get(subject) === dispatcher) {
      this.dispatchers.delete(subject);
    }
  }

  dispatcherFor(subject: string): InProcessDispatcher | undefined {
    return this.dispatchers.get(subject);
  }
}
