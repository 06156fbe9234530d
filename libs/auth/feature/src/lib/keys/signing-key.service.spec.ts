import { rmSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SigningKeyRepository } from '@connector/auth-data-access';
import { startAuthModule, tempDataDir } from '../../testing/auth-test-module';
import { SigningKeyService } from './signing-key.service';

describe(SigningKeyService.name, () => {
  let dataDir: string;
  let app: INestApplicationContext;

  beforeEach(async () => {
    dataDir = tempDataDir();
    app = await startAuthModule(dataDir);
  });

  afterEach(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('activeKey', () => {
    it('creates the key at start-up', async () => {
      const stored = await app.get(DataSource).query('SELECT kid, active FROM auth_signing_key');

      expect(stored).toEqual([{ kid: expect.any(String), active: 1 }]);
    });

    it('returns the same imported key on every call', async () => {
      const service = app.get(SigningKeyService);

      expect(await service.activeKey()).toBe(await service.activeKey());
    });

    it('lets copies that start at once agree on one key: the first insert wins, the others re-read it', async () => {
      await app.get(DataSource).query('DELETE FROM auth_signing_key');
      const repository = app.get(SigningKeyRepository);
      const copies = [
        new SigningKeyService(repository),
        new SigningKeyService(repository),
        new SigningKeyService(repository),
      ];

      const keys = await Promise.all(copies.map((copy) => copy.activeKey()));

      const stored: { kid: string }[] = await app.get(DataSource).query('SELECT kid FROM auth_signing_key');
      expect(stored).toHaveLength(1);
      expect(keys.map((key) => key.kid)).toEqual([stored[0].kid, stored[0].kid, stored[0].kid]);
    });
  });

  describe('rotate', () => {
    it('signs with a new key from then on and keeps the old one in the JWKS', async () => {
      const service = app.get(SigningKeyService);
      const before = await service.activeKey();

      const reply = await service.rotate();

      expect(reply).toEqual({ kid: expect.any(String), previousKid: before.kid });
      expect(reply.kid).not.toBe(before.kid);
      expect((await service.activeKey()).kid).toBe(reply.kid);
      const published = (await service.jwks()).keys.map((key) => key['kid']);
      expect(published.sort()).toEqual([before.kid, reply.kid].sort());
      const stored: { kid: string; active: number | null }[] = await app
        .get(DataSource)
        .query('SELECT kid, active FROM auth_signing_key ORDER BY created_at');
      expect(stored.filter((row) => row.active === 1).map((row) => row.kid)).toEqual([reply.kid]);
    });

    it('reaches another copy of the service once that copy re-reads the active key', async () => {
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] });
      try {
        const other = new SigningKeyService(app.get(SigningKeyRepository));
        const old = await other.activeKey();
        const reply = await app.get(SigningKeyService).rotate();
        expect((await other.activeKey()).kid).toBe(old.kid);

        jest.setSystemTime(Date.now() + 61_000);

        expect((await other.activeKey()).kid).toBe(reply.kid);
      } finally {
        jest.useRealTimers();
      }
    });
  });
});
