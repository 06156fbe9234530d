import { rmSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthHandler } from '../auth.handler';
import { startAuthModule, tempDataDir } from '../../testing/auth-test-module';
import { AuthHousekeepingService } from './auth-housekeeping.service';

const LONG_AGO = '2000-01-01T00:00:00.000Z';

describe(AuthHousekeepingService.name, () => {
  const dataDir = tempDataDir();
  let app: INestApplicationContext;

  beforeAll(async () => {
    app = await startAuthModule(dataDir);
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('purgeExpired', () => {
    it('removes expired launch contexts, codes and revoked ids, and keeps live ones', async () => {
      const live = await app.get(AuthHandler).createLaunch({ createdBy: 'ehr', patient: 'pat-1' });
      const source = app.get(DataSource);
      await source.query(
        `INSERT INTO auth_launch_context (id, patient_id, encounter_id, created_by, expires_at) VALUES ('old', NULL, NULL, 'ehr', '${LONG_AGO}')`,
      );
      await source.query(`INSERT INTO auth_revoked_token (token_key, expires_at) VALUES ('access:old', '${LONG_AGO}')`);
      await source.query(
        `INSERT INTO auth_revoked_token (token_key, expires_at) VALUES ('access:live', '2999-01-01T00:00:00.000Z')`,
      );
      await source.query(
        `INSERT INTO auth_authorization_code (code_hash, client_id, redirect_uri, username, scopes, patient_id, encounter_id, launch_type, code_challenge, nonce, expires_at) VALUES ('h', 'c', 'https://a/cb', 'u', 'openid', NULL, NULL, 'standalone', NULL, NULL, '${LONG_AGO}')`,
      );

      await app.get(AuthHousekeepingService).purgeExpired();

      expect(await source.query(`SELECT id FROM auth_launch_context`)).toEqual([{ id: live.launch }]);
      expect(await source.query(`SELECT token_key FROM auth_revoked_token`)).toEqual([{ token_key: 'access:live' }]);
      expect(await source.query(`SELECT code_hash FROM auth_authorization_code`)).toEqual([]);
    });
  });
});
