import { ClientEntity } from '../entities/client.entity';
import { SigningKeyEntity } from '../entities/signing-key.entity';
import { UserEntity } from '../entities/user.entity';
import { clientRow, signingKeyRow, userRow } from '../../testing/auth-fixtures';
import { type AuthTestDatabase, openPostgresAuthDatabase } from '../../testing/auth-test-database';
import { ClientRepository } from './client.repository';
import { SigningKeyRepository } from './signing-key.repository';
import { UserRepository } from './user.repository';

/** The same race-deciding inserts on PostgreSQL, whose unique-violation error differs from SQLite's. */
describe('auth repositories on PostgreSQL', () => {
  let database: AuthTestDatabase;

  beforeAll(async () => {
    database = await openPostgresAuthDatabase();
  });

  afterAll(() => database.dispose());

  describe(UserRepository.name, () => {
    it('stores a user once and answers false for the same username again', async () => {
      const users = new UserRepository(database.dataSource.getRepository(UserEntity));

      expect(await users.insertIfAbsent(userRow('alice'))).toBe(true);
      expect(await users.insertIfAbsent(userRow('alice', { role: 'provider' }))).toBe(false);
      expect(await users.findByUsername('alice')).toEqual(userRow('alice'));
    });
  });

  describe(ClientRepository.name, () => {
    it('stores a client once and answers false for the same id again', async () => {
      const clients = new ClientRepository(database.dataSource.getRepository(ClientEntity));

      expect(await clients.insertIfAbsent(clientRow('app'))).toBe(true);
      expect(await clients.insertIfAbsent(clientRow('app', { name: 'Other' }))).toBe(false);
      expect(await clients.findByClientId('app')).toEqual(clientRow('app'));
    });
  });

  describe(SigningKeyRepository.name, () => {
    it('lets only one of several concurrent active keys in', async () => {
      const keys = new SigningKeyRepository(database.dataSource.getRepository(SigningKeyEntity));
      const candidates = ['k1', 'k2', 'k3', 'k4'].map((kid) => signingKeyRow(kid, '2025-01-01T00:00:00.000Z'));

      const inserted = await Promise.all(candidates.map((key) => keys.insertActiveIfAbsent(key)));

      expect(inserted.filter(Boolean)).toHaveLength(1);
      const active = await keys.findActive();
      expect(active?.kid).toBe(candidates[inserted.indexOf(true)].kid);
      expect(await keys.findAll()).toHaveLength(1);
    });
  });
});
