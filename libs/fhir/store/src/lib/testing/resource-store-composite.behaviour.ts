import type {
  CodeableConcept,
  DocumentReference,
  Observation,
  ObservationComponent,
  Patient,
  Questionnaire,
} from 'fhir/r4';
import { type DataSource, IsNull, Not } from 'typeorm';
import { INDEX_VALUE_TYPES, SEARCH_INDEX_TABLES } from '../index-tables/search-index.tables';
import { ResourceStore } from '../resource-store.service';
import { type CompositeSearchCorpus, loadCompositeSearchCorpus, searchAllIds } from './composite-search-corpus';
import { describeQuantitySearchBehaviour } from './resource-store-quantity.behaviour';
import { idSet } from './synthea-corpus';

/*
 * Composite search parameters (https://hl7.org/fhir/R4/search.html#composite) and UCUM quantity search over the
 * Synthea bundles, the US Core examples and the R4 DocumentReference example, run by the SQLite spec and the
 * PostgreSQL distributed spec alike. Expected id sets come from the raw JSON, never from the indexer or engine.
 */

const LOINC = 'http://loinc.org';
const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';

const hasCoding = (concept: CodeableConcept | undefined, system: string, code: string) =>
  (concept?.coding ?? []).some((coding) => coding.system === system && coding.code === code);

/** The component of `observation` coded `code` (LOINC), if any. */
const componentOf = (observation: Observation, code: string): ObservationComponent | undefined =>
  (observation.component ?? []).find((component) => hasCoding(component.code, LOINC, code));

export function describeCompositeSearchBehaviour(getDataSource: () => DataSource): void {
  let store: ResourceStore;
  let corpus: CompositeSearchCorpus;
  const matchIds = (resourceType: string, query: string) => searchAllIds(store, resourceType, query);

  beforeAll(async () => {
    store = new ResourceStore(getDataSource());
    corpus = loadCompositeSearchCorpus();
    await store.importResources(corpus.resources);
  });

  describe('search (composite parameters)', () => {
    it('finds component-code-value-quantity=loinc|8480-6$gt<median>: systolic above the median', async () => {
      const systolic = corpus.observations.flatMap((o) => componentOf(o, SYSTOLIC)?.valueQuantity?.value ?? []);
      const median = systolic.sort((a, b) => a - b)[Math.floor(systolic.length / 2)].toFixed(1);
      const expected = idSet(
        corpus.observations.filter((o) => (componentOf(o, SYSTOLIC)?.valueQuantity?.value ?? -1) > Number(median)),
      );
      expect(expected.length).toBeGreaterThan(20);
      expect(await matchIds('Observation', `component-code-value-quantity=${LOINC}|${SYSTOLIC}$gt${median}`)).toEqual(
        expected,
      );
    });

    it('matches every part on the same component: systolic 109 / diastolic 44 does not match 8480-6$44', async () => {
      // US Core's blood-pressure example: systolic 109 mm[Hg], diastolic 44 mm[Hg] (two components).
      const bp = corpus.observations.find((o) => o.id === 'blood-pressure') as Observation;
      const diastolic = componentOf(bp, DIASTOLIC)?.valueQuantity?.value as number;
      const systolic = componentOf(bp, SYSTOLIC)?.valueQuantity?.value as number;
      expect([systolic, diastolic]).toEqual([109, 44]);
      const inRange = (value: number | undefined) => value !== undefined && value >= 43.5 && value < 44.5;
      const expected = idSet(
        corpus.observations.filter((o) => inRange(componentOf(o, SYSTOLIC)?.valueQuantity?.value)),
      );

      const found = await matchIds('Observation', `component-code-value-quantity=${LOINC}|${SYSTOLIC}$44`);
      expect(found).toEqual(expected);
      expect(found).not.toContain('blood-pressure');
      // The two parts as separate parameters may match different components, so they do find it.
      expect(
        await matchIds('Observation', `component-code=${LOINC}|${SYSTOLIC}&component-value-quantity=44`),
      ).toContain('blood-pressure');
      expect(await matchIds('Observation', `component-code-value-quantity=${LOINC}|${SYSTOLIC}$109`)).toContain(
        'blood-pressure',
      );
    });

    it('ORs comma-separated composite values: systolic gt140 or diastolic gt90', async () => {
      const above = (o: Observation, code: string, limit: number) =>
        (componentOf(o, code)?.valueQuantity?.value ?? -1) > limit;
      const expected = idSet(corpus.observations.filter((o) => above(o, SYSTOLIC, 140) || above(o, DIASTOLIC, 90)));
      expect(expected.length).toBeGreaterThan(0);
      const query = `component-code-value-quantity=${LOINC}|${SYSTOLIC}$gt140,${LOINC}|${DIASTOLIC}$gt90`;
      expect(await matchIds('Observation', query)).toEqual(expected);
    });

    it('finds combo-code-value-quantity on the Observation or on a component, each element on its own', async () => {
      const elementMatches = (o: Observation, code: string, limit: number) =>
        [o, ...(o.component ?? [])].some(
          (element) => hasCoding(element.code, LOINC, code) && (element.valueQuantity?.value ?? -1) > limit,
        );
      const weight = '29463-7';
      const expected = idSet(
        corpus.observations.filter((o) => elementMatches(o, weight, 80) || elementMatches(o, SYSTOLIC, 140)),
      );
      expect(corpus.observations.filter((o) => elementMatches(o, weight, 80)).length).toBeGreaterThan(0);
      expect(corpus.observations.filter((o) => elementMatches(o, SYSTOLIC, 140)).length).toBeGreaterThan(0);
      const query = `combo-code-value-quantity=${LOINC}|${weight}$gt80,${LOINC}|${SYSTOLIC}$gt140`;
      expect(await matchIds('Observation', query)).toEqual(expected);
      const hasOne = (o: Observation) =>
        [o, ...(o.component ?? [])].some(
          (e) => (e.code.coding ?? []).length > 0 && e.valueQuantity?.value !== undefined,
        );
      expect(await matchIds('Observation', 'combo-code-value-quantity:missing=false')).toEqual(
        idSet(corpus.observations.filter(hasOne)),
      );
      // The blood pressure panel's own code has no value: its components' values belong to other elements.
      const panel = '55284-4'; // Synthea's "Blood Pressure" panel
      expect(corpus.observations.filter((o) => hasCoding(o.code, LOINC, panel)).length).toBeGreaterThan(100);
      expect(idSet(corpus.observations.filter((o) => elementMatches(o, panel, 0)))).toEqual([]);
      expect(await matchIds('Observation', `combo-code-value-quantity=${LOINC}|${panel}$gt0`)).toEqual([]);
    });

    it('finds code-value-concept: smoking status (72166-2) by its coded value', async () => {
      const never = { system: 'http://snomed.info/sct', code: '266919005' };
      const expected = idSet(
        corpus.observations.filter(
          (o) => hasCoding(o.code, LOINC, '72166-2') && hasCoding(o.valueCodeableConcept, never.system, never.code),
        ),
      );
      expect(expected.length).toBeGreaterThan(10);
      expect(
        await matchIds('Observation', `code-value-concept=${LOINC}|72166-2$${never.system}|${never.code}`),
      ).toEqual(expected);
      expect(await matchIds('Observation', `code-value-concept=${LOINC}|8480-6$${never.system}|${never.code}`)).toEqual(
        [],
      );
    });

    it('answers component-code-value-quantity:missing=true|false', async () => {
      const has = (o: Observation) =>
        (o.component ?? []).some((c) => (c.code.coding ?? []).length > 0 && c.valueQuantity?.value !== undefined);
      expect(await matchIds('Observation', 'component-code-value-quantity:missing=false')).toEqual(
        idSet(corpus.observations.filter(has)),
      );
      expect(await matchIds('Observation', 'component-code-value-quantity:missing=true')).toEqual(
        idSet(corpus.observations.filter((o) => !has(o))),
      );
    });

    it('finds DocumentReference?relationship=<relatesto>$<relation> and Questionnaire?context-type-value', async () => {
      const documents = corpus.ofType<DocumentReference>('DocumentReference');
      const relation = (documents.find((d) => d.relatesTo !== undefined)?.relatesTo ?? [])[0];
      const target = relation.target.reference as string;
      const expected = idSet(
        documents.filter((d) =>
          (d.relatesTo ?? []).some((r) => r.target.reference === target && r.code === relation.code),
        ),
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(await matchIds('DocumentReference', `relationship=${target}$${relation.code}`)).toEqual(expected);
      const other = relation.code === 'replaces' ? 'signs' : 'replaces';
      expect(await matchIds('DocumentReference', `relationship=${target}$${other}`)).toEqual([]);

      const questionnaires = corpus.ofType<Questionnaire>('Questionnaire');
      const context = questionnaires.flatMap((q) => q.useContext ?? []).find((c) => c.valueCodeableConcept);
      const type = `${context?.code.system}|${context?.code.code}`;
      const value = context?.valueCodeableConcept?.coding?.[0] ?? {};
      const withContext = idSet(
        questionnaires.filter((q) =>
          (q.useContext ?? []).some(
            (c) =>
              `${c.code.system}|${c.code.code}` === type &&
              hasCoding(c.valueCodeableConcept, value.system as string, value.code as string),
          ),
        ),
      );
      expect(withContext.length).toBeGreaterThan(0);
      expect(await matchIds('Questionnaire', `context-type-value=${type}$${value.system}|${value.code}`)).toEqual(
        withContext,
      );
    });

    it('nests a composite in _has: Patient?_has:Observation:patient:component-code-value-quantity=…$gt160', async () => {
      const referred = new Set(
        corpus.observations
          .filter((o) => (componentOf(o, SYSTOLIC)?.valueQuantity?.value ?? -1) > 160)
          .map((o) => o.subject?.reference),
      );
      const expected = idSet(corpus.ofType<Patient>('Patient').filter((p) => referred.has(`Patient/${p.id}`)));
      expect(expected.length).toBeGreaterThan(0);
      const query = `_has:Observation:patient:component-code-value-quantity=${LOINC}|${SYSTOLIC}$gt160`;
      expect(await matchIds('Patient', query)).toEqual(expected);
    });
  });

  describeQuantitySearchBehaviour(
    () => store,
    () => corpus,
  );

  describe('reindex (composite rows, canonical quantities)', () => {
    it('rebuilds composite rows and canonical values of data indexed before they existed', async () => {
      const queries = [
        `component-code-value-quantity=${LOINC}|${SYSTOLIC}$gt140`,
        'value-quantity=gt1|http://unitsofmeasure.org|g/L',
      ];
      const before = await Promise.all(queries.map((query) => matchIds('Observation', query)));
      // What a database migrated from before composites and canonical units holds: neither.
      for (const type of INDEX_VALUE_TYPES) {
        await getDataSource()
          .getRepository(SEARCH_INDEX_TABLES[type].entity)
          .delete({ compositeGroup: Not(IsNull()) });
      }
      await getDataSource()
        .getRepository(SEARCH_INDEX_TABLES.quantity.entity)
        .update({ canonicalUnit: Not(IsNull()) }, { canonicalValue: null, canonicalUnit: null });
      expect(await Promise.all(queries.map((query) => matchIds('Observation', query)))).toEqual([[], []]);

      await store.reindex('Observation');

      expect(await Promise.all(queries.map((query) => matchIds('Observation', query)))).toEqual(before);
      expect(before.every((ids) => ids.length > 0)).toBe(true);
    });
  });
}
