import { BaseRpcContext } from '@nestjs/microservices';

type InProcessContextArgs = [subject: string, headers: ReadonlyMap<string, string>];

/** Handler context on the in-process transport; same accessors as Nest's NatsContext. */
export class InProcessContext extends BaseRpcContext<InProcessContextArgs> {
  getSubject(): string {
    return this.args[0];
  }

  /** Same shape as NATS MsgHdrs#get so interceptors read headers the same way on both transports. */
  getHeaders(): { get(key: string): string | undefined } {
    const headers = this.args[1];
    return { get: (key: string) => headers.get(key) };
  }
}
