import type { SqlStatement } from './resource-store.statements';

/** An algorithm yielding statements, resumed with their result rows, returning T (see `importSteps`). */
export type StepGenerator<T> = Generator<SqlStatement, T, unknown[]>;

/** How the store reaches one dialect's database: the hot-path read and the transactional import. */
export interface StoreBackend {
  read(resourceType: string, id: string): Promise<string | null>;
  /** Runs every step in ONE transaction: all of it is stored or none (else a QueryFailedError). */
  runInTransaction<T>(steps: StepGenerator<T>): Promise<T>;
}
