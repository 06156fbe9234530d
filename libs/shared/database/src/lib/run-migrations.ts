import type { DataSource } from 'typeorm';

/**
 * Runs pending migrations. On PostgreSQL several copies of one service may start at once on a fresh schema and
 * TypeORM takes no lock of its own, so they would race on CREATE TABLE: a session-level advisory lock keyed by the
 * schema lets one copy migrate while the others wait, then find nothing pending.
 */
export async function runMigrationsExclusively(dataSource: DataSource, lockName: string): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock(hashtext($1))', [lockName]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock(hashtext($1))', [lockName]);
    }
  } finally {
    await lockRunner.release();
  }
}
