import type { ResourceToImport } from '@connector/contracts';
import type { BundleEntry, Observation, Patient } from 'fhir/r4';
import type { DataSource } from 'typeorm';
import { DateIndexEntity } from '../index-tables/date-index.entity';
import { ReferenceIndexEntity } from '../index-tables/reference-index.entity';
import { StringIndexEntity } from '../index-tables/string-index.entity';
import { TokenIndexEntity } from '../index-tables/token-index.entity';
import { ResourceEntity } from '../resource.entity';
import { ResourceStore } from '../resource-store.service';
import { indexRowsWhere } from './index-rows';
import { syntheaImport, type SyntheaImport } from './synthea-import';

/*
 * The search index of ResourceStore, run by the SQLite spec and the PostgreSQL distributed spec alike. Expected
 * values come from the raw bundle JSON, never from the indexer. Ids of its own, so it shares the database.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

function resourcesOf<T>(bundle: SyntheaImport['bundle'], resourceType: string): T[] {
  return (bundle.entry ?? [])
    .map((entry: BundleEntry) => entry.resource)
    .filter((resource) => resource?.resourceType === resourceType) as T[];
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

export function describeSearchIndexBehaviour(getDataSource: () => DataSource): void {
  let store: ResourceStore;
  let synthea: SyntheaImport;

  beforeAll(async () => {
    store = new ResourceStore(getDataSource());
    synthea = syntheaImport();
    await store.importResources(synthea.resources);
  });

  describe('importResources (search index)', () => {
    it('indexes Patient.birthDate as the [low, high) day it names', async () => {
      const [patient] = resourcesOf<Patient>(synthea.bundle, 'Patient');
      const [year, month, day] = (patient.birthDate as string).split('-').map(Number);
      const low = Date.UTC(year, month - 1, day);

      const rows = await getDataSource()
        .getRepository(DateIndexEntity)
        .find({ where: { resourceType: 'Patient', resourceId: patient.id, code: 'birthdate' } });

      expect(rows.map((row) => [Number(row.low), Number(row.high)])).toEqual([[low, low + DAY_MS]]);
    });

    it('indexes every Observation.code coding as a system|code token', async () => {
      const expected = resourcesOf<Observation>(synthea.bundle, 'Observation').flatMap((observation) =>
        (observation.code.coding ?? []).map((coding) => `${observation.id} ${coding.system}|${coding.code}`),
      );

      const rows = await getDataSource()
        .getRepository(TokenIndexEntity)
        .find({ where: { resourceType: 'Observation', code: 'code' } });
      const ids = new Set(expected.map((entry) => entry.split(' ')[0]));
      const indexed = rows
        .filter((row) => ids.has(row.resourceId) && row.value !== null)
        .map((row) => `${row.resourceId} ${row.system}|${row.value}`);

      expect(expected.length).toBeGreaterThan(50);
      expect(sorted(indexed)).toEqual(sorted(expected));
    });

    it('indexes Observation.subject (and patient) as a reference to Patient/<id>', async () => {
      const patientIdByFullUrl = new Map(
        (synthea.bundle.entry ?? [])
          .filter((entry) => entry.resource?.resourceType === 'Patient')
          .map((entry) => [entry.fullUrl, entry.resource?.id]),
      );
      const observations = resourcesOf<Observation>(synthea.bundle, 'Observation');
      const expected = observations.map(
        (observation) => `${observation.id} Patient/${patientIdByFullUrl.get(observation.subject?.reference)}`,
      );

      for (const code of ['subject', 'patient']) {
        const rows = await getDataSource()
          .getRepository(ReferenceIndexEntity)
          .find({ where: { resourceType: 'Observation', code } });
        const ids = new Set(observations.map((observation) => observation.id));
        const indexed = rows
          .filter((row) => ids.has(row.resourceId))
          .map((row) => `${row.resourceId} ${row.targetType}/${row.targetId}`);

        expect(indexed.sort()).toEqual(expected.sort());
      }
    });

    it('keeps the rows of unchanged resources on a re-import', async () => {
      const before = await indexRowsWhere(getDataSource(), { resourceType: 'Observation' });

      const reply = await store.importResources(synthea.resources);

      expect(reply.unchanged).toBe(synthea.resources.length);
      expect(await indexRowsWhere(getDataSource(), { resourceType: 'Observation' })).toEqual(before);
    });

    it('replaces the rows of a resource whose content changed', async () => {
      const patient = (birthDate: string, family: string): ResourceToImport => ({
        resourceType: 'Patient',
        id: 'index-update-1',
        birthDate,
        name: [{ family }],
      });
      await store.importResources([patient('1970-01-01', 'Before')]);

      await store.importResources([patient('1980-05-06', 'Àfter')]);

      const where = { resourceType: 'Patient', resourceId: 'index-update-1' };
      const dates = await getDataSource()
        .getRepository(DateIndexEntity)
        .find({ where: { ...where, code: 'birthdate' } });
      const families = await getDataSource()
        .getRepository(StringIndexEntity)
        .find({ where: { ...where, code: 'family' } });
      const low = Date.UTC(1980, 4, 6);
      expect(dates.map((row) => [Number(row.low), Number(row.high)])).toEqual([[low, low + DAY_MS]]);
      expect(families.map((row) => [row.value, row.normalized])).toEqual([['Àfter', 'after']]);
    });
  });

  describe('reindex', () => {
    it('rebuilds exactly the rows the import wrote, of one type or of all', async () => {
      const where = { resourceType: 'Observation' };
      const imported = await indexRowsWhere(getDataSource(), where);
      await getDataSource().getRepository(TokenIndexEntity).delete(where);
      await getDataSource().getRepository(ReferenceIndexEntity).delete(where);
      const observations = await getDataSource().getRepository(ResourceEntity).count({ where });

      expect(await store.reindex('Observation')).toBe(observations);
      expect(await indexRowsWhere(getDataSource(), where)).toEqual(imported);
      expect(await store.reindex()).toBe(await store.count());
      expect(await indexRowsWhere(getDataSource(), where)).toEqual(imported);
    });

    it('walks a re-index chunk by chunk in (type, id) order, covering every resource once', async () => {
      const positions: string[] = [];
      let total = 0;
      let step = await store.reindexChunk();
      for (;;) {
        total += step.count;
        if (step.next === undefined) {
          break;
        }
        positions.push(`${step.next.resourceType}\u0000${step.next.afterId}`);
        step = await store.reindexChunk(step.next);
      }
      expect(total).toBe(await store.count());
      expect(positions.length).toBeGreaterThan(0);
      expect([...positions].sort()).toEqual(positions);
      expect(new Set(positions).size).toBe(positions.length);
    });

    it('re-indexes nothing for a resource type the store does not hold', async () => {
      expect(await store.reindex('Device')).toBe(0);
    });
  });
}
