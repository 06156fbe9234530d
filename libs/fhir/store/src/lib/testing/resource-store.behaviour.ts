import type { ResourceToImport } from '@connector/contracts';
import { type DataSource, QueryFailedError } from 'typeorm';
import { IMPORT_CHUNK_SIZE } from '../import-steps.util';
import { ResourceVersionEntity } from '../resource-version.entity';
import { StringIndexEntity } from '../index-tables/string-index.entity';
import { ResourceStore } from '../resource-store.service';
import { indexRowCount } from './index-rows';
import { syntheaResources } from './synthea-bundle';

/*
 * The behaviour of ResourceStore, run by the SQLite spec and by the PostgreSQL distributed spec alike.
 * Every test uses ids of its own, so the tests share one database.
 */

const MILLISECOND_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface StoredMeta {
  versionId?: string;
  lastUpdated?: string;
  [element: string]: unknown;
}

function patient(id: string, family: string, extra: Record<string, unknown> = {}): ResourceToImport {
  return { resourceType: 'Patient', id, active: true, name: [{ family, given: ['Ann'] }], ...extra };
}

/** Splits a read-back resource into what the store set (versionId, lastUpdated) and everything else. */
function parseStored(json: string | null): { versionId?: string; lastUpdated?: string; rest: Record<string, unknown> } {
  expect(json).not.toBeNull();
  const { meta, ...elements } = JSON.parse(json as string) as { meta?: StoredMeta };
  const { versionId, lastUpdated, ...clientMeta } = meta ?? {};
  const rest = Object.keys(clientMeta).length > 0 ? { ...elements, meta: clientMeta } : elements;
  return { versionId, lastUpdated, rest };
}

export function describeResourceStoreBehaviour(getDataSource: () => DataSource): void {
  let store: ResourceStore;

  beforeAll(() => {
    store = new ResourceStore(getDataSource());
  });

  async function versionsOf(resourceType: string, id: string): Promise<ResourceVersionEntity[]> {
    return getDataSource()
      .getRepository(ResourceVersionEntity)
      .find({ where: { resourceType, id }, order: { versionId: 'ASC' } });
  }

  describe('read', () => {
    it('returns null for a resource that was never stored', async () => {
      expect(await store.read('Patient', 'never-stored')).toBeNull();
    });

    it('returns the stored JSON text with meta.versionId "1" and a millisecond lastUpdated', async () => {
      const before = Date.now();
      await store.importResources([patient('read-1', 'Reader')]);
      const after = Date.now();

      const stored = parseStored(await store.read('Patient', 'read-1'));

      expect(stored.versionId).toBe('1');
      expect(stored.lastUpdated).toMatch(MILLISECOND_INSTANT);
      expect(Date.parse(stored.lastUpdated as string)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(stored.lastUpdated as string)).toBeLessThanOrEqual(after);
      expect(stored.rest).toEqual(patient('read-1', 'Reader'));
    });

    it('keeps resource types apart: the same id under another type is another resource', async () => {
      await store.importResources([patient('shared-id', 'Typed')]);

      expect(await store.read('Practitioner', 'shared-id')).toBeNull();
    });
  });

  describe('importResources', () => {
    it('stores new resources as version 1, keeping the incoming meta apart from versionId and lastUpdated', async () => {
      const tag = [{ system: 'https://example.org/tags', code: 'imported' }];
      const incoming = patient('new-1', 'Newman', {
        meta: { versionId: '41', lastUpdated: '2001-01-01T00:00:00Z', profile: ['http://example.org/p'], tag },
      });

      const reply = await store.importResources([
        incoming,
        { resourceType: 'Practitioner', id: 'new-2', active: true },
      ]);

      expect(reply).toEqual({ created: 2, updated: 0, unchanged: 0, byType: { Patient: 1, Practitioner: 1 } });
      const stored = parseStored(await store.read('Patient', 'new-1'));
      expect(stored.versionId).toBe('1');
      expect(stored.lastUpdated).not.toBe('2001-01-01T00:00:00Z');
      expect(stored.rest).toEqual(patient('new-1', 'Newman', { meta: { profile: ['http://example.org/p'], tag } }));
      expect(parseStored(await store.read('Practitioner', 'new-2')).rest).toEqual({
        resourceType: 'Practitioner',
        id: 'new-2',
        active: true,
      });
    });

    it('keeps the version of identical content, whatever its key order or server meta', async () => {
      await store.importResources([patient('same-1', 'Same')]);
      const first = await store.read('Patient', 'same-1');
      const reordered: ResourceToImport = {
        name: [{ given: ['Ann'], family: 'Same' }],
        active: true,
        id: 'same-1',
        resourceType: 'Patient',
      };
      const readBack = JSON.parse(first as string) as ResourceToImport;

      const reply = await store.importResources([reordered]);
      const replyFromReadBack = await store.importResources([readBack]);

      expect(reply).toEqual({ created: 0, updated: 0, unchanged: 1, byType: { Patient: 1 } });
      expect(replyFromReadBack).toEqual({ created: 0, updated: 0, unchanged: 1, byType: { Patient: 1 } });
      expect(await store.read('Patient', 'same-1')).toBe(first);
      expect(await versionsOf('Patient', 'same-1')).toHaveLength(1);
    });

    it('stores changed content as the next version and keeps every version', async () => {
      await store.importResources([patient('changed-1', 'Before')]);

      const reply = await store.importResources([patient('changed-1', 'After')]);

      expect(reply).toEqual({ created: 0, updated: 1, unchanged: 0, byType: { Patient: 1 } });
      const current = parseStored(await store.read('Patient', 'changed-1'));
      expect(current.versionId).toBe('2');
      expect(current.rest).toEqual(patient('changed-1', 'After'));
      const versions = await versionsOf('Patient', 'changed-1');
      expect(versions.map((version) => version.versionId)).toEqual([1, 2]);
      expect(parseStored(versions[0].content).rest).toEqual(patient('changed-1', 'Before'));
      expect(versions[1].content).toBe(await store.read('Patient', 'changed-1'));
    });

    it('counts a resource given twice in one request once, the last one winning', async () => {
      const reply = await store.importResources([patient('twice-1', 'First'), patient('twice-1', 'Last')]);

      expect(reply).toEqual({ created: 1, updated: 0, unchanged: 0, byType: { Patient: 1 } });
      expect(parseStored(await store.read('Patient', 'twice-1')).rest).toEqual(patient('twice-1', 'Last'));
    });

    it('stores nothing of a batch when one of its resources fails', async () => {
      await store.importResources([patient('rollback-kept', 'Original')]);
      // A history row that already holds version 1 of a new resource makes its insert fail mid-transaction.
      await getDataSource()
        .getRepository(ResourceVersionEntity)
        .insert({
          resourceType: 'Patient',
          id: 'rollback-z',
          versionId: 1,
          lastUpdated: '2026-01-01T00:00:00.000Z',
          contentHash: 'x'.repeat(64),
          content: '{}',
        });

      const batch = [
        patient('rollback-new', 'New'),
        patient('rollback-kept', 'Changed'),
        patient('rollback-z', 'Fails'),
      ];

      await expect(store.importResources(batch)).rejects.toThrow(QueryFailedError);
      expect(await store.read('Patient', 'rollback-new')).toBeNull();
      expect(await store.read('Patient', 'rollback-z')).toBeNull();
      expect(parseStored(await store.read('Patient', 'rollback-kept')).rest).toEqual(
        patient('rollback-kept', 'Original'),
      );
      expect(await versionsOf('Patient', 'rollback-new')).toHaveLength(0);
      expect(await versionsOf('Patient', 'rollback-kept')).toHaveLength(1);
      expect(await indexRowCount(getDataSource(), 'Patient', 'rollback-new')).toBe(0);
      expect(await indexRowCount(getDataSource(), 'Patient', 'rollback-z')).toBe(0);
      const families = await getDataSource()
        .getRepository(StringIndexEntity)
        .find({ where: { resourceType: 'Patient', resourceId: 'rollback-kept', code: 'family' } });
      expect(families.map((row) => row.value)).toEqual(['Original']);
    });

    it('runs concurrent imports each in its own transaction', async () => {
      await getDataSource()
        .getRepository(ResourceVersionEntity)
        .insert({
          resourceType: 'Patient',
          id: 'concurrent-fails',
          versionId: 1,
          lastUpdated: '2026-01-01T00:00:00.000Z',
          contentHash: 'x'.repeat(64),
          content: '{}',
        });
      const good = [1, 2, 3].map((n) => patient(`concurrent-${n}`, `Good${n}`));
      const bad = [patient('concurrent-a', 'Lost'), patient('concurrent-fails', 'Fails')];

      const [goodResult, badResult] = await Promise.allSettled([
        store.importResources(good),
        store.importResources(bad),
      ]);

      expect(goodResult).toEqual({
        status: 'fulfilled',
        value: { created: 3, updated: 0, unchanged: 0, byType: { Patient: 3 } },
      });
      expect(badResult).toEqual({ status: 'rejected', reason: expect.any(QueryFailedError) });
      for (const n of [1, 2, 3]) {
        expect(parseStored(await store.read('Patient', `concurrent-${n}`)).rest).toEqual(
          patient(`concurrent-${n}`, `Good${n}`),
        );
      }
      expect(await store.read('Patient', 'concurrent-a')).toBeNull();
    });

    it('imports batches larger than one statement chunk, of several types', async () => {
      const observationCount = IMPORT_CHUNK_SIZE * 2 + 1;
      const observations = Array.from({ length: observationCount }, (_, n) => ({
        resourceType: 'Observation',
        id: `chunked-${n}`,
        status: 'final',
        valueInteger: n,
      }));
      const patients = [patient('chunked-p1', 'Chunk'), patient('chunked-p2', 'Chunk')];
      await store.importResources([...observations, ...patients]);
      const changed = observations.map((observation, n) =>
        n % 2 === 0 ? { ...observation, status: 'amended' } : observation,
      );
      const changedCount = Math.ceil(observationCount / 2);

      const reply = await store.importResources([...patients, ...changed]);

      expect(reply).toEqual({
        created: 0,
        updated: changedCount,
        unchanged: observationCount - changedCount + patients.length,
        byType: { Observation: observationCount, Patient: patients.length },
      });
      const last = parseStored(await store.read('Observation', `chunked-${observationCount - 1}`));
      expect(last.versionId).toBe('2');
      expect(last.rest).toEqual({ ...observations[observationCount - 1], status: 'amended' });
    });

    it('imports and reads back every resource of a Synthea patient bundle', async () => {
      const resources = syntheaResources();
      const expectedByType: Record<string, number> = {};
      for (const resource of resources) {
        expectedByType[resource.resourceType] = (expectedByType[resource.resourceType] ?? 0) + 1;
      }

      const reply = await store.importResources(resources);

      expect(reply).toEqual({ created: resources.length, updated: 0, unchanged: 0, byType: expectedByType });
      for (const resource of resources) {
        const stored = parseStored(await store.read(resource.resourceType, resource.id));
        expect(stored.versionId).toBe('1');
        expect(stored.rest).toEqual(resource);
      }
      expect(await store.importResources(resources)).toEqual({
        created: 0,
        updated: 0,
        unchanged: resources.length,
        byType: expectedByType,
      });
    });
  });

  describe('count', () => {
    it('counts current resources of every type, not versions', async () => {
      await store.importResources([patient('count-1', 'Counted')]);
      const before = await store.count();

      await store.importResources([
        patient('count-1', 'Changed'),
        patient('count-2', 'Counted'),
        { resourceType: 'Organization', id: 'count-3', name: 'Counted' },
      ]);

      expect(await store.count()).toBe(before + 2);
    });
  });

  describe('ping', () => {
    it('answers true while the database is up', async () => {
      expect(await store.ping()).toBe(true);
    });
  });
}
