import { UserEntity } from '../entities/user.entity';
import { userRow } from '../../testing/auth-fixtures';
import { type AuthTestDatabase, openSqliteAuthDatabase } from '../../testing/auth-test-database';
import { UserRepository } from './user.repository';

describe(UserRepository.name, () => {
  let database: AuthTestDatabase;
  let users: UserRepository;

  beforeEach(async () => {
    database = await openSqliteAuthDatabase();
    users = new UserRepository(database.dataSource.getRepository(UserEntity));
  });

  afterEach(() => database.dispose());

  describe('insertIfAbsent', () => {
    it('stores the user and reads it back, patient ids as a JSON array', async () => {
      expect(await users.insertIfAbsent(userRow('alice'))).toBe(true);

      expect(await users.findByUsername('alice')).toEqual(userRow('alice'));
      const rows: unknown[] = await database.dataSource.query(`SELECT patient_ids FROM auth_user`);
      expect(rows).toEqual([{ patient_ids: '["pat-1","pat-2"]' }]);
    });

    it('answers false for a taken username and keeps the first user', async () => {
      await users.insertIfAbsent(userRow('alice', { role: 'patient' }));

      expect(await users.insertIfAbsent(userRow('alice', { role: 'provider' }))).toBe(false);
      expect((await users.findByUsername('alice'))?.role).toBe('patient');
    });

    it('stores a user without fhirUser or patients', async () => {
      await users.insertIfAbsent(userRow('bob', { role: 'staff', fhirUser: null, patientIds: [] }));

      expect(await users.findByUsername('bob')).toMatchObject({ fhirUser: null, patientIds: [] });
    });
  });

  describe('findByUsername', () => {
    it('answers null for an unknown username', async () => {
      expect(await users.findByUsername('nobody')).toBeNull();
    });
  });
});
