import type { Database, Statement } from 'better-sqlite3';
import { type DataSource, QueryFailedError } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import type { ResourceStoreStatements, SqlStatement } from './resource-store.statements';
import type { StepGenerator, StoreBackend } from './store-backend';

/**
 * SQLite through better-sqlite3 directly. TypeORM shares ONE connection for every caller on SQLite, so two
 * concurrent TypeORM transactions would silently nest as savepoints, and a read between two awaits of an import
 * would see its uncommitted rows. Running the whole import synchronously in a better-sqlite3 transaction lets no
 * other JavaScript run in between; the read is a cached prepared statement returning the text column as is.
 */
export class SqliteStoreBackend implements StoreBackend {
  private readStatement: Statement<[string, string], string | undefined> | undefined;
  private readConnection: Database | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly statements: ResourceStoreStatements,
  ) {}

  async read(resourceType: string, id: string): Promise<string | null> {
    return this.preparedRead().get(resourceType, id) ?? null;
  }

  async runInTransaction<T>(steps: StepGenerator<T>): Promise<T> {
    const db = this.connection();
    const transaction = db.transaction((): T => {
      let step = steps.next();
      while (!step.done) {
        step = steps.next(execute(db, step.value));
      }
      return step.value;
    });
    // IMMEDIATE takes the write lock up front: a deferred read-then-write transaction could fail with
    // SQLITE_BUSY when another process (the import CLI) writes in between, instead of waiting for it.
    return transaction.immediate();
  }

  private preparedRead(): Statement<[string, string], string | undefined> {
    const db = this.connection();
    // Re-prepare if the DataSource was re-initialized: a statement belongs to its connection.
    if (this.readStatement === undefined || this.readConnection !== db) {
      this.readStatement = db.prepare<[string, string], string | undefined>(this.statements.read).pluck();
      this.readConnection = db;
    }
    return this.readStatement;
  }

  private connection(): Database {
    return (this.dataSource.driver as BetterSqlite3Driver).databaseConnection as Database;
  }
}

/**
 * Runs one statement of an import, failing the way TypeORM's own query runners (and so the PostgreSQL backend) do:
 * with a QueryFailedError carrying the driver's code. The raw SqliteError must not escape: better-sqlite3 registers
 * its error class with the native addon only once per process, so where modules are loaded more than once (Jest
 * gives every spec file its own module registry and realm) it is an instance of another realm's Error, not an Error
 * at all to the code that catches it.
 */
function execute(db: Database, { sql, params }: SqlStatement): unknown[] {
  try {
    const statement = db.prepare(sql);
    return statement.reader ? statement.all(...params) : (statement.run(...params), []);
  } catch (error) {
    throw new QueryFailedError(sql, params, error as Error);
  }
}
