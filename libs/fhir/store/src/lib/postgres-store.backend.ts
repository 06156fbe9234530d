import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { ResourceStoreStatements } from './resource-store.statements';
import type { StepGenerator, StoreBackend } from './store-backend';

/** Name of the read's server-side prepared statement (pg prepares it once per pooled connection). */
const READ_STATEMENT_NAME = 'connector_fhir_resource_read';

/**
 * PostgreSQL. The read goes straight to TypeORM's pg pool as a named prepared statement: no query runner, no
 * re-planning, no entity hydration, the text column handed back as is. Imports and re-index chunks run in a TypeORM transaction.
 */
export class PostgresStoreBackend implements StoreBackend {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statements: ResourceStoreStatements,
  ) {}

  async read(resourceType: string, id: string): Promise<string | null> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const result = await pool.query<{ content: string }>({
      name: READ_STATEMENT_NAME,
      text: this.statements.read,
      values: [resourceType, id],
    });
    return result.rows[0]?.content ?? null;
  }

  async runInTransaction<T>(steps: StepGenerator<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      let step = steps.next();
      while (!step.done) {
        const rows: unknown = await manager.query(step.value.sql, step.value.params);
        step = steps.next(Array.isArray(rows) ? rows : []);
      }
      return step.value;
    });
  }
}
