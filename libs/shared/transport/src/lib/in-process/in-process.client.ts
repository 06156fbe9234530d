import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import type { InProcessBus } from './in-process-bus';
import { InProcessRecord } from './in-process-record';

/** Raised (as the error of the reply) when no service listens on a subject: the in-process "no responders". */
export class NoRespondersError extends Error {
  constructor(readonly subject: string) {
    super(`No service is listening on ${subject}`);
    this.name = 'NoRespondersError';
  }
}

const NO_HEADERS: ReadonlyMap<string, string> = new Map();

/** The ClientProxy side of the in-process transport (see {@link InProcessServer}). */
export class InProcessClient extends ClientProxy {
  constructor(private readonly bus: InProcessBus) {
    super();
  }

  connect(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {
    // Nothing to release: the bus belongs to the embedded process.
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const subject = this.normalizePattern(packet.pattern);
    const dispatcher = this.bus.dispatcherFor(subject);
    if (!dispatcher) {
      callback({ err: new NoRespondersError(subject), isDisposed: true });
      return () => undefined;
    }
    let active = true;
    const record = packet.data instanceof InProcessRecord ? packet.data : new InProcessRecord(packet.data, NO_HEADERS);
    dispatcher(subject, record.data, record.headers, (reply) => {
      if (active) {
        callback(reply);
      }
    });
    return () => {
      active = false;
    };
  }

  protected dispatchEvent<T = unknown>(packet: ReadPacket): Promise<T> {
    return Promise.reject(new Error(`Events are not used by Connector (pattern ${this.normalizePattern(packet.pattern)})`));
  }
}
