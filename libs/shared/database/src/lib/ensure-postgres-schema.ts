import { Client } from 'pg';

/**
 * TypeORM creates tables inside a schema but not the schema itself: create it before migrations run.
 * Safe to call from several copies of a service at once.
 */
export async function ensurePostgresSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
  } catch (error) {
    // Two copies racing on CREATE SCHEMA IF NOT EXISTS can still collide on the catalog's unique index.
    if ((error as { code?: string }).code !== '23505') {
      throw error;
    }
  } finally {
    await client.end();
  }
}
