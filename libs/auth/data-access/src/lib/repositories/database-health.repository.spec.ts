import { type AuthTestDatabase, openSqliteAuthDatabase } from '../../testing/auth-test-database';
import { DatabaseHealthRepository } from './database-health.repository';

describe(DatabaseHealthRepository.name, () => {
  let database: AuthTestDatabase;

  beforeEach(async () => {
    database = await openSqliteAuthDatabase();
  });

  afterEach(() => database.dispose());

  describe('ping', () => {
    it('resolves while the database answers', async () => {
      await expect(new DatabaseHealthRepository(database.dataSource).ping()).resolves.toBeUndefined();
    });

    it('rejects once the connection is closed', async () => {
      await database.dataSource.destroy();

      await expect(new DatabaseHealthRepository(database.dataSource).ping()).rejects.toThrow();
    });
  });
});
