import type { INestMicroservice } from '@nestjs/common';
import { FhirError } from '@connector/fhir-outcomes';
import { requestContext } from '@connector/shared-logging';
import type { ServiceClients } from '../lib/service-clients';
import { echoSubjects, EchoReply, LengthReply } from './echo-test.module';

export interface TransportUnderTest {
  clients: ServiceClients;
  service: INestMicroservice;
  prefix: string;
  /** The configured service timeout, in ms. */
  timeoutMs: number;
}

async function rejection(promise: Promise<unknown>): Promise<FhirError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FhirError) {
      return error;
    }
    throw new Error(`expected a FhirError, got ${String(error)}`);
  }
  throw new Error('expected the request to fail');
}

/**
 * The behaviour both transports must share, as jest tests: run by the in-process spec and by the NATS spec so that
 * embedded and distributed mode cannot drift apart.
 */
export function describeTransportContract(setup: () => TransportUnderTest): void {
  const client = () => setup().clients.get('chart');
  const subjects = () => echoSubjects(setup().prefix);

  it('returns the validated reply DTO', async () => {
    const reply = await client().request(subjects().echo, { text: 'hello', delayMs: 0 }, EchoReply);
    expect(reply).toBeInstanceOf(EchoReply);
    expect(reply.text).toBe('hello');
  });

  it('carries the request id of the caller to the handler', async () => {
    const reply = await requestContext.run({ requestId: 'req-123' }, () =>
      client().request(subjects().echo, { text: 'x', delayMs: 0 }, EchoReply),
    );
    expect(reply.requestId).toBe('req-123');
  });

  it('passes a FhirError thrown by the handler through with its status and outcome', async () => {
    const error = await rejection(client().request(subjects().notFound, {}, EchoReply));
    expect(error.status).toBe(404);
    expect(error.outcome.issue[0]?.details?.text).toBe('Resource Patient/missing not found');
  });

  it('answers an invalid request DTO with 400 naming each broken constraint', async () => {
    const error = await rejection(client().request(subjects().echo, { text: 5, delayMs: -1 }, EchoReply));
    expect(error.status).toBe(400);
    const texts = error.outcome.issue.map((issue) => issue.details?.text ?? '');
    expect(texts.some((text) => text.startsWith('text:'))).toBe(true);
    expect(texts.some((text) => text.startsWith('delayMs:'))).toBe(true);
  });

  it('turns an unexpected handler error into a 500 that hides internals', async () => {
    const error = await rejection(client().request(subjects().crash, {}, EchoReply));
    expect(error.status).toBe(500);
    expect(JSON.stringify(error.outcome)).not.toContain('postgres://');
  });

  it('rejects a reply that breaks its DTO with a 500', async () => {
    const error = await rejection(client().request(subjects().badReply, {}, EchoReply));
    expect(error.status).toBe(500);
  });

  it('answers 503 when nothing listens on the subject', async () => {
    const error = await rejection(client().request(`${setup().prefix}.nobody.home`, {}, EchoReply));
    expect(error.status).toBe(503);
    expect(error.outcome.issue[0]?.details?.text).toBe('The chart service is unavailable');
  });

  it('answers 503 when the service does not answer in time', async () => {
    const { timeoutMs } = setup();
    const error = await rejection(client().request(subjects().echo, { text: 'slow', delayMs: timeoutMs + 300 }, EchoReply));
    expect(error.status).toBe(503);
    expect(error.outcome.issue[0]?.details?.text).toBe(`The chart service did not answer within ${timeoutMs} ms`);
  });

  it('carries messages larger than the NATS default max_payload (1 MiB)', async () => {
    const text = 'Synthea-like JSON '.repeat(200_000);
    const reply = await client().request(subjects().length, { text, delayMs: 0 }, LengthReply);
    expect(reply.length).toBe(text.length);
  });
}
