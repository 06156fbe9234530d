import type { ImportTally } from './import-plan.util';
import type { SqlStatement } from './resource-store.statements';

/** The import algorithm, yielding statements and resumed with their result rows (see `importSteps`). */
export type ImportStepGenerator = Generator<SqlStatement, ImportTally, unknown[]>;

/** How the store reaches one dialect's database: the hot-path read and the transactional import. */
export interface StoreBackend {
  read(resourceType: string, id: string): Promise<string | null>;
  /** Runs every step of the import in ONE transaction: all of it is stored or none (else a QueryFailedError). */
  runImport(steps: ImportStepGenerator): Promise<ImportTally>;
}
