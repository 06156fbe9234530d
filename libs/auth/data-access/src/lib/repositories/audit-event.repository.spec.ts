import { AuditEventEntity } from '../entities/audit-event.entity';
import { type AuthTestDatabase, openSqliteAuthDatabase } from '../../testing/auth-test-database';
import { AuditEventRepository } from './audit-event.repository';

function auditRow(id: string, at: string, overrides: Partial<AuditEventEntity> = {}): AuditEventEntity {
  return Object.assign(new AuditEventEntity(), {
    id,
    at,
    event: 'login',
    outcome: 'success',
    username: 'alice',
    clientId: 'growth-chart',
    ip: '203.0.113.7',
    detail: null,
    ...overrides,
  });
}

describe(AuditEventRepository.name, () => {
  let database: AuthTestDatabase;
  let events: AuditEventRepository;

  beforeEach(async () => {
    database = await openSqliteAuthDatabase();
    events = new AuditEventRepository(database.dataSource.getRepository(AuditEventEntity));
  });

  afterEach(() => database.dispose());

  describe('insert', () => {
    it('stores every field, absent ones as NULL', async () => {
      await events.insert(
        auditRow('00000000-0000-4000-8000-000000000001', '2026-01-02T03:04:05.000Z', {
          event: 'token',
          outcome: 'failure',
          clientId: null,
          ip: null,
          detail: 'invalid_grant',
        }),
      );

      const rows: unknown[] = await database.dataSource.query(
        'SELECT id, at, event, outcome, username, client_id, ip, detail FROM auth_audit_event',
      );
      expect(rows).toEqual([
        {
          id: '00000000-0000-4000-8000-000000000001',
          at: '2026-01-02T03:04:05.000Z',
          event: 'token',
          outcome: 'failure',
          username: 'alice',
          client_id: null,
          ip: null,
          detail: 'invalid_grant',
        },
      ]);
    });

    it('rejects a second event with the same id (the trail is append-only)', async () => {
      const row = auditRow('00000000-0000-4000-8000-000000000001', '2026-01-02T03:04:05.000Z');
      await events.insert(row);

      await expect(events.insert({ ...row, event: 'revoke' })).rejects.toThrow();
    });
  });

  describe('findRecent', () => {
    it('answers an empty list for an empty trail', async () => {
      expect(await events.findRecent(10)).toEqual([]);
    });

    it('answers the newest events first, at most the limit', async () => {
      // Inserted out of order, so the order of the answer can only come from `at`.
      await events.insert(auditRow('00000000-0000-4000-8000-00000000000b', '2026-01-02T10:00:00.000Z'));
      await events.insert(auditRow('00000000-0000-4000-8000-00000000000d', '2026-01-04T10:00:00.000Z'));
      await events.insert(auditRow('00000000-0000-4000-8000-00000000000a', '2026-01-01T10:00:00.000Z'));
      await events.insert(auditRow('00000000-0000-4000-8000-00000000000c', '2026-01-03T10:00:00.000Z'));

      const recent = await events.findRecent(3);

      expect(recent.map((event) => event.at)).toEqual([
        '2026-01-04T10:00:00.000Z',
        '2026-01-03T10:00:00.000Z',
        '2026-01-02T10:00:00.000Z',
      ]);
    });

    it('orders events of the same instant by id, newest-first and stable', async () => {
      const at = '2026-01-02T03:04:05.000Z';
      await events.insert(auditRow('00000000-0000-4000-8000-000000000001', at));
      await events.insert(auditRow('00000000-0000-4000-8000-000000000003', at));
      await events.insert(auditRow('00000000-0000-4000-8000-000000000002', at));

      const recent = await events.findRecent(10);

      expect(recent.map((event) => event.id)).toEqual([
        '00000000-0000-4000-8000-000000000003',
        '00000000-0000-4000-8000-000000000002',
        '00000000-0000-4000-8000-000000000001',
      ]);
    });

    it('reads every field back', async () => {
      const row = auditRow('00000000-0000-4000-8000-000000000001', '2026-01-02T03:04:05.000Z', {
        event: 'throttled',
        outcome: 'failure',
        detail: 'retry after 40 s',
      });
      await events.insert(row);

      expect(await events.findRecent(1)).toEqual([row]);
    });
  });
});
