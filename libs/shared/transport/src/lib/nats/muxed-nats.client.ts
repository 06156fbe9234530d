import { ClientNats, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception';
import type { MsgHdrs, NatsConnection } from 'nats';

type NatsClientOptions = ConstructorParameters<typeof ClientNats>[0];

/**
 * Nest's NATS client, replying through nats.js's shared ("muxed") inbox instead of a new inbox subscription per
 * request: Nest subscribes and unsubscribes for every request, which kept nats-server busier than the services
 * themselves. Connector's handlers answer each request with exactly one message (a value or an error; Nest's
 * server folds completion into it), which is what a request/reply needs. No-responders and transport failures
 * surface as errors of the reply, which the ServiceClient maps to 503.
 */
export class MuxedNatsClient extends ClientNats {
  constructor(
    options: NatsClientOptions,
    /** Upper bound on a reply's wait inside nats.js; the caller's own (shorter) timeout decides first. */
    private readonly requestTimeoutMs: number,
  ) {
    super(options);
  }

  protected override publish(partialPacket: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    let active = true;
    try {
      const packet = this.assignPacketId(partialPacket);
      const subject = this.normalizePattern(partialPacket.pattern);
      const serialized = this.serializer.serialize(packet) as { data: Uint8Array; headers?: MsgHdrs };
      const headers = this.mergeHeaders(serialized.headers) as MsgHdrs | undefined;
      (this.natsClient as unknown as NatsConnection)
        .request(subject, serialized.data, { timeout: this.requestTimeoutMs, headers })
        .then(async (reply) => {
          if (!active) {
            return;
          }
          if (reply.data.length === 0) {
            callback({ err: new EmptyResponseException(subject), isDisposed: true });
            return;
          }
          const { err, response } = await this.deserializer.deserialize(reply.data);
          callback({ err, response, isDisposed: true });
        })
        .catch((error: unknown) => {
          if (active) {
            callback({ err: error, isDisposed: true });
          }
        });
    } catch (error) {
      callback({ err: error, isDisposed: true });
    }
    return () => {
      active = false;
    };
  }
}
