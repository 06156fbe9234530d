import { ClientEntity } from '../entities/client.entity';
import { clientRow } from '../../testing/auth-fixtures';
import { type AuthTestDatabase, openSqliteAuthDatabase } from '../../testing/auth-test-database';
import { ClientRepository } from './client.repository';

describe(ClientRepository.name, () => {
  let database: AuthTestDatabase;
  let clients: ClientRepository;

  beforeEach(async () => {
    database = await openSqliteAuthDatabase();
    clients = new ClientRepository(database.dataSource.getRepository(ClientEntity));
  });

  afterEach(() => database.dispose());

  describe('insertIfAbsent', () => {
    it('stores scopes and grant types space-separated and reads them back as lists', async () => {
      expect(await clients.insertIfAbsent(clientRow('app'))).toBe(true);

      expect(await clients.findByClientId('app')).toEqual(clientRow('app'));
      const rows: unknown[] = await database.dataSource.query(`SELECT scopes, grant_types FROM auth_client`);
      expect(rows).toEqual([{ scopes: 'openid patient/*.read', grant_types: 'password' }]);
    });

    it('answers false for a taken client id and keeps the first client', async () => {
      await clients.insertIfAbsent(clientRow('app', { name: 'First' }));

      expect(await clients.insertIfAbsent(clientRow('app', { name: 'Second' }))).toBe(false);
      expect((await clients.findByClientId('app'))?.name).toBe('First');
    });
  });

  describe('findByClientId', () => {
    it('answers null for an unknown client', async () => {
      expect(await clients.findByClientId('nobody')).toBeNull();
    });
  });
});
