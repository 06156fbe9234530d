import { type AuthTestDatabase, openSqliteAuthDatabase } from '../../testing/auth-test-database';
import { AUTH_SQLITE_MIGRATIONS } from './auth-migrations.constants';

describe('AUTH_SQLITE_MIGRATIONS', () => {
  let database: AuthTestDatabase;

  beforeEach(async () => {
    database = await openSqliteAuthDatabase();
  });

  afterEach(() => database.dispose());

  it('leaves nothing for a generated migration to do (the schema matches the entities)', async () => {
    const pending = await database.dataSource.driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('runs every migration once at start-up', async () => {
    const executed: unknown[] = await database.dataSource.query('SELECT name FROM typeorm_migrations');

    expect(executed).toHaveLength(AUTH_SQLITE_MIGRATIONS.length);
  });

  it('drops every auth table when undone', async () => {
    for (let i = 0; i < AUTH_SQLITE_MIGRATIONS.length; i++) {
      await database.dataSource.undoLastMigration();
    }
    const tables: unknown[] = await database.dataSource.query(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'auth_%'`,
    );

    expect(tables).toEqual([]);
  });
});
