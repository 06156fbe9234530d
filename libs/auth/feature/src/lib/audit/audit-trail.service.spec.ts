import { rmSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { getMetadataArgsStorage } from 'typeorm';
import { AuditEventEntity, AuditEventRepository } from '@connector/auth-data-access';
import { startAuthModule, tempDataDir } from '../../testing/auth-test-module';
import { AUDIT_DETAIL_MAX_LENGTH, AUDIT_EVENTS } from './audit-events.constants';
import { AuditTrailService } from './audit-trail.service';

// Every logger the module creates lands here too (the module test below starts the whole service), so all levels.
const mockLogger = {
  fatal: jest.fn(),
  error: jest.fn(),
  warn: jest.fn(),
  info: jest.fn(),
  debug: jest.fn(),
  trace: jest.fn(),
};
jest.mock('@connector/shared-logging', () => ({
  ...jest.requireActual<object>('@connector/shared-logging'),
  createLogger: () => mockLogger,
}));

const NOW = Date.parse('2026-03-04T05:06:07.089Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The declared width of one `auth_audit_event` column, read from the entity's TypeORM metadata. */
function columnLength(propertyName: keyof AuditEventEntity): number {
  const column = getMetadataArgsStorage().columns.find(
    (candidate) => candidate.target === AuditEventEntity && candidate.propertyName === propertyName,
  );
  return Number(column?.options.length);
}

describe(AuditTrailService.name, () => {
  let stored: AuditEventEntity[];
  let repository: Pick<AuditEventRepository, 'insert'>;
  let audit: AuditTrailService;

  beforeEach(() => {
    jest.clearAllMocks();
    stored = [];
    repository = {
      insert: (event) => {
        stored.push(event);
        return Promise.resolve();
      },
    };
    audit = new AuditTrailService(repository as AuditEventRepository, () => NOW);
  });

  describe('record', () => {
    it('stores the event with a fresh UUID and the clock instant', async () => {
      await audit.record({
        event: 'token',
        outcome: 'failure',
        username: 'alice',
        clientId: 'growth-chart',
        ip: '203.0.113.7',
        detail: 'invalid_grant',
      });

      expect(stored).toEqual([
        {
          id: expect.stringMatching(UUID),
          at: '2026-03-04T05:06:07.089Z',
          event: 'token',
          outcome: 'failure',
          username: 'alice',
          clientId: 'growth-chart',
          ip: '203.0.113.7',
          detail: 'invalid_grant',
        },
      ]);
    });

    it('stores absent fields as null and gives every event its own id', async () => {
      await audit.record({ event: 'introspect', outcome: 'success' });
      await audit.record({ event: 'introspect', outcome: 'success' });

      expect(stored[0]).toMatchObject({ username: null, clientId: null, ip: null, detail: null });
      expect(stored[0].id).not.toBe(stored[1].id);
    });

    it('logs every event at info level with what it stored', async () => {
      await audit.record({ event: 'login', outcome: 'success', username: 'alice', ip: '203.0.113.7' });

      expect(mockLogger.info).toHaveBeenCalledTimes(1);
      expect(mockLogger.info).toHaveBeenCalledWith({ audit: stored[0] }, expect.any(String));
      expect(mockLogger.error).not.toHaveBeenCalled();
    });

    it('accepts every event name of the trail', async () => {
      for (const event of AUDIT_EVENTS) {
        await audit.record({ event, outcome: 'success' });
      }

      expect(stored.map((entry) => entry.event)).toEqual([
        'login',
        'token',
        'refresh',
        'revoke',
        'introspect',
        'authorize',
        'consent',
        'launch',
        'throttled',
      ]);
    });

    it('cuts a long detail to the maximum length, ending in an ellipsis', async () => {
      await audit.record({ event: 'token', outcome: 'failure', detail: 'x'.repeat(AUDIT_DETAIL_MAX_LENGTH + 50) });

      expect(stored[0].detail).toBe(`${'x'.repeat(AUDIT_DETAIL_MAX_LENGTH - 1)}…`);
      expect(mockLogger.info).toHaveBeenCalledWith(
        { audit: expect.objectContaining({ detail: stored[0].detail }) },
        expect.any(String),
      );
    });

    it('keeps a detail of exactly the maximum length', async () => {
      const detail = 'y'.repeat(AUDIT_DETAIL_MAX_LENGTH);
      await audit.record({ event: 'token', outcome: 'failure', detail });

      expect(stored[0].detail).toBe(detail);
    });

    it('cuts username, client id and IP to the widths of their columns', async () => {
      await audit.record({
        event: 'login',
        outcome: 'failure',
        username: 'u'.repeat(500),
        clientId: 'c'.repeat(500),
        ip: 'i'.repeat(500),
      });

      expect(stored[0].username).toHaveLength(columnLength('username'));
      expect(stored[0].clientId).toHaveLength(columnLength('clientId'));
      expect(stored[0].ip).toHaveLength(columnLength('ip'));
      expect(stored[0].username?.startsWith('uuu')).toBe(true);
    });

    it('resolves and logs the event as an error when the repository rejects', async () => {
      const failure = new Error('database is down');
      repository.insert = () => Promise.reject(failure);

      await expect(audit.record({ event: 'login', outcome: 'failure', username: 'alice' })).resolves.toBeUndefined();

      expect(mockLogger.error).toHaveBeenCalledWith(
        { err: failure, audit: expect.objectContaining({ event: 'login', outcome: 'failure', username: 'alice' }) },
        expect.any(String),
      );
    });

    it('resolves when the repository throws synchronously', async () => {
      repository.insert = () => {
        throw new Error('no connection');
      };

      await expect(audit.record({ event: 'revoke', outcome: 'success' })).resolves.toBeUndefined();
      expect(mockLogger.error).toHaveBeenCalledTimes(1);
    });

    it('resolves when the event cannot even be built (a broken clock)', async () => {
      audit = new AuditTrailService(repository as AuditEventRepository, () => Number.NaN);

      await expect(audit.record({ event: 'launch', outcome: 'success' })).resolves.toBeUndefined();
      expect(stored).toEqual([]);
      expect(mockLogger.error).toHaveBeenCalledWith(
        { err: expect.any(RangeError), audit: { event: 'launch' } },
        expect.any(String),
      );
    });
  });

  describe('in the auth service module', () => {
    let dataDir: string;
    let app: INestApplicationContext;

    beforeAll(async () => {
      dataDir = tempDataDir();
      app = await startAuthModule(dataDir);
    });

    afterAll(async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('writes to the auth database with the real clock', async () => {
      const before = Date.now();
      await app.get(AuditTrailService).record({ event: 'consent', outcome: 'success', username: 'alice' });

      const [event] = await app.get(AuditEventRepository).findRecent(1);
      expect(event).toMatchObject({ event: 'consent', outcome: 'success', username: 'alice', clientId: null });
      expect(Date.parse(event.at)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(event.at)).toBeLessThanOrEqual(Date.now());
    });
  });
});
