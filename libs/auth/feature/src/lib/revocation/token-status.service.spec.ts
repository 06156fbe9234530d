import { rmSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { RevokedTokenRepository } from '@connector/auth-data-access';
import { insertGrant } from '../../testing/issued-token.fixture';
import { startTokenStateModule, tokenStateDataDir } from '../../testing/token-state-test-module';
import { TokenStatusService } from './token-status.service';

describe(TokenStatusService.name, () => {
  let dataDir: string;
  let app: INestApplicationContext;
  let service: TokenStatusService;

  beforeAll(async () => {
    dataDir = tokenStateDataDir();
    app = await startTokenStateModule(dataDir);
    service = app.get(TokenStatusService);
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

  describe('status', () => {
    it('is active for a token with nothing revocable, or an id never revoked', async () => {
      expect(await service.status({})).toEqual({ active: true });
      expect(await service.status({ jti: 'never-revoked' })).toEqual({ active: true });
    });

    it('is inactive for a revoked access token id', async () => {
      await app.get(RevokedTokenRepository).insertIfAbsent('access:revoked-jti', inAnHour());

      expect(await service.status({ jti: 'revoked-jti' })).toEqual({ active: false });
    });

    it('does not take a used client assertion id for a revoked access token', async () => {
      await app.get(RevokedTokenRepository).insertIfAbsent('assertion:backend:shared-jti', inAnHour());

      expect(await service.status({ jti: 'shared-jti' })).toEqual({ active: true });
    });

    it('is active while the grant stands', async () => {
      const grant = await insertGrant(app);

      expect(await service.status({ jti: 'fresh', grant: grant.id })).toEqual({ active: true });
    });

    it('is inactive when the grant is revoked, expired or unknown', async () => {
      const revoked = await insertGrant(app, { revokedAt: new Date().toISOString() });
      const expired = await insertGrant(app, { expiresAt: new Date(Date.now() - 1000).toISOString() });

      expect(await service.status({ grant: revoked.id })).toEqual({ active: false });
      expect(await service.status({ grant: expired.id })).toEqual({ active: false });
      expect(await service.status({ grant: 'no-such-grant' })).toEqual({ active: false });
    });
  });
});
