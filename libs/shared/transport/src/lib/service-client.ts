import { type ClientProxy, NatsRecordBuilder } from '@nestjs/microservices';
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { headers as natsHeaders } from 'nats';
import { firstValueFrom, TimeoutError, timeout } from 'rxjs';
import type { ServiceName } from '@connector/contracts';
import { FhirError, isFhirErrorEnvelope } from '@connector/fhir-outcomes';
import { createLogger, REQUEST_ID_HEADER, requestContext } from '@connector/shared-logging';
import { validationMessages } from './dto-validation.pipe';
import { InProcessRecord } from './in-process/in-process-record';
import { NoRespondersError } from './in-process/in-process.client';

export type TransportKind = 'nats' | 'in-process';

/**
 * Request/reply to one service over whichever transport the process uses. Callers get the validated reply DTO or a
 * {@link FhirError}: the service's own error as it sent it, or 503 when the service is down, has no responders or
 * does not answer in time — never a transport exception.
 */
export class ServiceClient {
  private readonly logger = createLogger(ServiceClient.name);

  constructor(
    readonly service: ServiceName,
    private readonly proxy: ClientProxy,
    private readonly transport: TransportKind,
    private readonly timeoutMs: number,
  ) {}

  async request<TReply extends object>(subject: string, payload: object, replyType: new () => TReply): Promise<TReply> {
    let reply: unknown;
    try {
      reply = await firstValueFrom(this.proxy.send(subject, this.record(payload)).pipe(timeout(this.timeoutMs)));
    } catch (error) {
      throw this.toFhirError(error, subject);
    }
    return this.validated(reply, replyType, subject);
  }

  private record(payload: object): unknown {
    const requestId = requestContext.requestId();
    if (this.transport === 'in-process') {
      return new InProcessRecord(payload, requestId ? new Map([[REQUEST_ID_HEADER, requestId]]) : new Map());
    }
    const headers = natsHeaders();
    if (requestId) {
      headers.set(REQUEST_ID_HEADER, requestId);
    }
    return new NatsRecordBuilder(payload).setHeaders(headers).build();
  }

  private validated<TReply extends object>(reply: unknown, replyType: new () => TReply, subject: string): TReply {
    const instance = plainToInstance(replyType, reply ?? {});
    const errors = validateSync(instance as object, { forbidUnknownValues: false });
    if (errors.length > 0) {
      this.logger.error({ subject, problems: validationMessages(errors) }, 'Service reply failed validation');
      throw FhirError.internal(`The ${this.service} service sent an invalid reply`);
    }
    return instance;
  }

  private toFhirError(error: unknown, subject: string): FhirError {
    if (isFhirErrorEnvelope(error)) {
      return FhirError.fromEnvelope(error);
    }
    if (error instanceof TimeoutError) {
      return FhirError.timeout(`The ${this.service} service did not answer within ${this.timeoutMs} ms`);
    }
    if (error instanceof NoRespondersError || error instanceof EmptyResponseException) {
      return FhirError.unavailable(`The ${this.service} service is unavailable`);
    }
    const code = (error as { code?: string } | null)?.code;
    // nats.js request(): '503' = no responders on the subject (the service is down), 'TIMEOUT' = no answer.
    if (code === '503') {
      return FhirError.unavailable(`The ${this.service} service is unavailable`);
    }
    if (code === 'TIMEOUT') {
      return FhirError.timeout(`The ${this.service} service did not answer within ${this.timeoutMs} ms`);
    }
    if (code === 'MAX_PAYLOAD_EXCEEDED') {
      return new FhirError(413, FhirError.badRequest('Message exceeds the NATS server max_payload').outcome);
    }
    this.logger.warn({ subject, err: error }, 'Service request failed in transport');
    return FhirError.unavailable(`The ${this.service} service is unavailable`);
  }
}
