/** A message plus headers on the in-process transport: the counterpart of Nest's NatsRecord. */
export class InProcessRecord<TData = unknown> {
  constructor(
    readonly data: TData,
    readonly headers: ReadonlyMap<string, string>,
  ) {}
}
