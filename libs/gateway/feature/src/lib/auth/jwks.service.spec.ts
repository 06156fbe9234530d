import { AuthSubjects } from '@connector/contracts';
import { FakeServiceClients } from '../../testing/fake-service-clients';
import { JwksService } from './jwks.service';

const KEY = {
  kty: 'RSA',
  kid: 'k1',
  n: 'sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw',
  e: 'AQAB',
};
const FIVE_MINUTES = 5 * 60 * 1000;

describe(JwksService.name, () => {
  let clients: FakeServiceClients;
  let nowMs: number;
  let service: JwksService;
  const fetches = (): number => clients.callsTo(AuthSubjects.getJwks).length;

  beforeEach(() => {
    nowMs = 1_000_000;
    clients = new FakeServiceClients({ [AuthSubjects.getJwks]: () => ({ keys: [KEY] }) });
    service = new JwksService(clients.asServiceClients(), () => nowMs);
  });

  describe('publicKeySet', () => {
    it('answers from memory for five minutes, then asks again', async () => {
      await expect(service.publicKeySet()).resolves.toEqual({ keys: [KEY] });
      nowMs += FIVE_MINUTES - 1;
      await service.publicKeySet();
      expect(fetches()).toBe(1);
      nowMs += 1;
      await service.publicKeySet();
      expect(fetches()).toBe(2);
    });

    it('shares one request between concurrent callers', async () => {
      await Promise.all([service.publicKeySet(), service.publicKeySet(), service.keyResolver()]);
      expect(fetches()).toBe(1);
    });
  });

  describe('refetchForUnknownKey', () => {
    it('refetches only when the last attempt is at least 30 s old', async () => {
      await service.keyResolver();
      nowMs += 29_999;
      await expect(service.refetchForUnknownKey()).resolves.toBe(false);
      nowMs += 1;
      await expect(service.refetchForUnknownKey()).resolves.toBe(true);
      expect(fetches()).toBe(2);
    });

    it('throttles failed attempts too, so a down auth service is not hammered', async () => {
      delete clients.handlers[AuthSubjects.getJwks];
      await expect(service.refetchForUnknownKey()).rejects.toMatchObject({ status: 503 });
      await expect(service.refetchForUnknownKey()).resolves.toBe(false);
      expect(fetches()).toBe(1);
    });
  });
});
