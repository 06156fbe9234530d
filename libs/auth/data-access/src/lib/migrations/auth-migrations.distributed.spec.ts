import { type AuthTestDatabase, openPostgresAuthDatabase } from '../../testing/auth-test-database';
import { AUTH_POSTGRES_MIGRATIONS } from './auth-migrations.constants';

describe('AUTH_POSTGRES_MIGRATIONS', () => {
  let database: AuthTestDatabase;
  let schema: string;

  beforeAll(async () => {
    database = await openPostgresAuthDatabase();
    schema = database.dataSource.driver.schema ?? 'public';
  });

  afterAll(() => database.dispose());

  async function authTables(): Promise<string[]> {
    const rows: { table_name: string }[] = await database.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE 'auth_%' ORDER BY 1`,
      [schema],
    );
    return rows.map((row) => row.table_name);
  }

  it('creates the tables in the service schema, not in public', async () => {
    expect(schema).toMatch(/^auth_test_/);
    expect(await authTables()).toEqual([
      'auth_audit_event',
      'auth_authorization_code',
      'auth_authorization_request',
      'auth_client',
      'auth_grant',
      'auth_launch_context',
      'auth_refresh_token',
      'auth_revoked_token',
      'auth_signing_key',
      'auth_user',
    ]);
  });

  it('leaves nothing for a generated migration to do (the schema matches the entities)', async () => {
    const pending = await database.dataSource.driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('drops every auth table when undone', async () => {
    for (let i = 0; i < AUTH_POSTGRES_MIGRATIONS.length; i++) {
      await database.dataSource.undoLastMigration();
    }

    expect(await authTables()).toEqual([]);
  });
});
