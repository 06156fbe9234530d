import { SigningKeyEntity } from '../entities/signing-key.entity';
import { signingKeyRow } from '../../testing/auth-fixtures';
import { type AuthTestDatabase, openSqliteAuthDatabase } from '../../testing/auth-test-database';
import { SigningKeyRepository } from './signing-key.repository';

describe(SigningKeyRepository.name, () => {
  let database: AuthTestDatabase;
  let keys: SigningKeyRepository;

  beforeEach(async () => {
    database = await openSqliteAuthDatabase();
    keys = new SigningKeyRepository(database.dataSource.getRepository(SigningKeyEntity));
  });

  afterEach(() => database.dispose());

  describe('insertActiveIfAbsent', () => {
    it('refuses a second active key, whatever its kid', async () => {
      expect(await keys.insertActiveIfAbsent(signingKeyRow('first', '2025-01-01T00:00:00.000Z'))).toBe(true);
      expect(await keys.insertActiveIfAbsent(signingKeyRow('second', '2025-01-02T00:00:00.000Z'))).toBe(false);

      expect((await keys.findActive())?.kid).toBe('first');
      expect((await keys.findAll()).map((key) => key.kid)).toEqual(['first']);
    });

    it('stores the active flag as 1 and a retired key as NULL', async () => {
      await database.dataSource
        .getRepository(SigningKeyEntity)
        .insert(signingKeyRow('old', '2024-01-01T00:00:00.000Z', false));
      await keys.insertActiveIfAbsent(signingKeyRow('current', '2025-01-01T00:00:00.000Z'));

      const rows: unknown[] = await database.dataSource.query(`SELECT kid, active FROM auth_signing_key ORDER BY kid`);
      expect(rows).toEqual([
        { kid: 'current', active: 1 },
        { kid: 'old', active: null },
      ]);
    });
  });

  describe('findActive', () => {
    it('ignores any number of retired keys', async () => {
      const repository = database.dataSource.getRepository(SigningKeyEntity);
      await repository.insert(signingKeyRow('old-1', '2024-01-01T00:00:00.000Z', false));
      await repository.insert(signingKeyRow('old-2', '2024-06-01T00:00:00.000Z', false));

      expect(await keys.findActive()).toBeNull();
    });
  });

  describe('findAll', () => {
    it('lists retired and active keys, oldest first', async () => {
      const repository = database.dataSource.getRepository(SigningKeyEntity);
      await repository.insert(signingKeyRow('b-old', '2024-06-01T00:00:00.000Z', false));
      await repository.insert(signingKeyRow('a-old', '2024-01-01T00:00:00.000Z', false));
      await keys.insertActiveIfAbsent(signingKeyRow('current', '2025-01-01T00:00:00.000Z'));

      expect((await keys.findAll()).map((key) => [key.kid, key.active])).toEqual([
        ['a-old', false],
        ['b-old', false],
        ['current', true],
      ]);
    });
  });
});
