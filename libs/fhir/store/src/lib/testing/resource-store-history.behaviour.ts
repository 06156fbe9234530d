import type { ResourceToImport } from '@connector/contracts';
import type { DataSource } from 'typeorm';
import { ResourceStore } from '../resource-store.service';
import { AccessPolicy } from '../search/access-policy';

/*
 * History and vread of ResourceStore, run by the SQLite spec and by the PostgreSQL distributed spec alike.
 * Ids are this file's own, so the tests share one database with the other behaviours.
 */

function observation(id: string, value: number, subject: string): ResourceToImport {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { text: 'weight' },
    subject: { reference: `Patient/${subject}` },
    valueQuantity: { value },
  };
}

const valueOf = (text: string): unknown =>
  (JSON.parse(text) as { valueQuantity: { value: number } }).valueQuantity.value;
const versionOf = (text: string): unknown => (JSON.parse(text) as { meta: { versionId: string } }).meta.versionId;

export function describeResourceStoreHistoryBehaviour(getDataSource: () => DataSource): void {
  let store: ResourceStore;

  beforeAll(async () => {
    store = new ResourceStore(getDataSource());
    // Three imports, the second unchanged: versions 1 (60), 2 (61) of hist-obs-1.
    await store.importResources([observation('hist-obs-1', 60, 'hist-pat-a')]);
    await store.importResources([observation('hist-obs-1', 60, 'hist-pat-a')]);
    await store.importResources([observation('hist-obs-1', 61, 'hist-pat-a')]);
    await store.importResources([observation('hist-obs-2', 70, 'hist-pat-b')]);
  });

  describe('history', () => {
    it('lists every stored version, newest first, each with its own meta.versionId', async () => {
      const versions = (await store.history('Observation', 'hist-obs-1')) ?? [];
      expect(versions.map(versionOf)).toEqual(['2', '1']);
      expect(versions.map(valueOf)).toEqual([61, 60]);
    });

    it('is null for a resource never stored, also under another type', async () => {
      expect(await store.history('Observation', 'hist-never')).toBeNull();
      expect(await store.history('Condition', 'hist-obs-1')).toBeNull();
    });

    it('is null when the access context hides the resource, and listed when it shows it', async () => {
      const onlyB = new AccessPolicy({ patients: ['hist-pat-b'] });
      expect(await store.history('Observation', 'hist-obs-1', onlyB)).toBeNull();
      expect((await store.history('Observation', 'hist-obs-2', onlyB))?.map(versionOf)).toEqual(['1']);
    });
  });

  describe('readVersion', () => {
    it('returns the content of exactly that version', async () => {
      const first = await store.readVersion('Observation', 'hist-obs-1', 1);
      const second = await store.readVersion('Observation', 'hist-obs-1', 2);
      expect([first, second].map((text) => valueOf(text ?? '{"valueQuantity":{}}'))).toEqual([60, 61]);
      expect(versionOf(first ?? '')).toBe('1');
    });

    it('is null for a version never stored', async () => {
      expect(await store.readVersion('Observation', 'hist-obs-1', 3)).toBeNull();
    });

    it('is null when the access context hides the resource', async () => {
      const onlyB = new AccessPolicy({ patients: ['hist-pat-b'] });
      expect(await store.readVersion('Observation', 'hist-obs-1', 1, onlyB)).toBeNull();
    });
  });
}
