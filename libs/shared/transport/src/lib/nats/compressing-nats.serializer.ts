import { gunzipSync, gzipSync } from 'node:zlib';
import type { ReadPacket } from '@nestjs/microservices';
// Not re-exported from the package root in Nest 11; these deep paths are the published files.
import { NatsRequestJSONDeserializer } from '@nestjs/microservices/deserializers/nats-request-json.deserializer';
import { NatsResponseJSONDeserializer } from '@nestjs/microservices/deserializers/nats-response-json.deserializer';
import { NatsRecordSerializer } from '@nestjs/microservices/serializers/nats-record.serializer';

/**
 * NATS caps a message at the server's max_payload (1 MiB by default) and a Synthea bundle alone can exceed it.
 * Large messages are gzipped (JSON compresses ~10x); small ones stay plain so the hot read path pays nothing.
 * The reader tells them apart by the gzip magic bytes — JSON text never starts with 0x1f 0x8b.
 */
export const COMPRESSION_THRESHOLD_BYTES = 32 * 1024;

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function maybeCompress(bytes: Uint8Array): Uint8Array {
  return bytes.length > COMPRESSION_THRESHOLD_BYTES ? gzipSync(bytes) : bytes;
}

function maybeDecompress(bytes: Uint8Array): Uint8Array {
  return isGzip(bytes) ? gunzipSync(bytes) : bytes;
}

/** Serializes requests (client side) and replies (server side). */
export class CompressingNatsSerializer extends NatsRecordSerializer {
  override serialize(packet: ReadPacket | unknown): { data: Uint8Array; headers?: unknown } {
    const serialized = super.serialize(packet as ReadPacket);
    return { ...serialized, data: maybeCompress(serialized.data as Uint8Array) };
  }
}

/** Reads requests on the service side. */
export class DecompressingNatsRequestDeserializer extends NatsRequestJSONDeserializer {
  override deserialize(value: Uint8Array, options?: Record<string, unknown>) {
    return super.deserialize(maybeDecompress(value), options);
  }
}

/** Reads replies on the client side. */
export class DecompressingNatsResponseDeserializer extends NatsResponseJSONDeserializer {
  override deserialize(value: Uint8Array, options?: Record<string, unknown>) {
    return super.deserialize(maybeDecompress(value), options);
  }
}
