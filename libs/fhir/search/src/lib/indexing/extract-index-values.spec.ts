import type { Coding, Condition, Encounter, FhirResource, MedicationRequest, Observation, Patient } from 'fhir/r4';
import { extractIndexValues } from './extract-index-values';
import type { ResourceIndex } from './index-rows.types';
import { syntheaResources, usCoreExamples } from './testing/index-test-data';

// Expected values come from the raw JSON with Date.parse and plain property access, never from the indexer.
const DAY = 86_400_000;
const WIDTH: [RegExp, (low: number) => number][] = [
  [/^\d{4}$/, (low) => Date.UTC(new Date(low).getUTCFullYear() + 1, 0, 1)],
  [/^\d{4}-\d{2}$/, (low) => Date.UTC(new Date(low).getUTCFullYear(), new Date(low).getUTCMonth() + 1, 1)],
  [/^\d{4}-\d{2}-\d{2}$/, (low) => low + DAY],
  [/T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/, (low) => low + 1000],
  [/T\d{2}:\d{2}:\d{2}\.\d{3,}(Z|[+-]\d{2}:\d{2})$/, (low) => low + 1],
];

function expectedRange(text: string): { low: number; high: number } | undefined {
  const width = WIDTH.find(([shape]) => shape.test(text))?.[1];
  const low = Date.parse(text.length === 4 ? `${text}-01-01` : text);
  return width && !Number.isNaN(low) ? { low, high: width(low) } : undefined;
}

const sorted = <T>(values: T[]) => values.map((v) => JSON.stringify(v)).sort();
const codings = (codingList: Coding[] | undefined) =>
  sorted((codingList ?? []).map((c) => ({ system: c.system ?? null, value: c.code ?? null })));

function tokens(index: ResourceIndex, code: string) {
  return sorted(
    index.token.filter((r) => r.code === code && r.value !== null).map((r) => ({ system: r.system, value: r.value })),
  );
}
const strings = (index: ResourceIndex, code: string) =>
  index.string
    .filter((r) => r.code === code)
    .map((r) => r.value)
    .sort();
const dates = (index: ResourceIndex, code: string) =>
  index.date.filter((r) => r.code === code).map(({ low, high }) => ({ low, high }));

// The Observation tests index the same ~1,900 resources several times: index each once.
const indexes = new WeakMap<FhirResource, ResourceIndex>();
function indexOf(resource: FhirResource): ResourceIndex {
  const index = indexes.get(resource) ?? extractIndexValues(resource);
  indexes.set(resource, index);
  return index;
}

const allResources: FhirResource[] = [...syntheaResources(), ...usCoreExamples()];
function resourcesOf<T extends FhirResource>(type: T['resourceType']): T[] {
  const found = allResources.filter((r): r is T => r.resourceType === type);
  expect(found.length).toBeGreaterThan(0);
  return found;
}

describe(extractIndexValues.name, () => {
  describe('Patient', () => {
    const patients = () => resourcesOf<Patient>('Patient');

    it('indexes every part of every name, and family and given on their own', () => {
      for (const patient of patients()) {
        const index = indexOf(patient);
        const names = patient.name ?? [];
        const parts = names.flatMap((n) => [
          n.text,
          n.family,
          ...(n.given ?? []),
          ...(n.prefix ?? []),
          ...(n.suffix ?? []),
        ]);
        expect(strings(index, 'name')).toEqual(parts.filter((p): p is string => Boolean(p)).sort());
        expect(strings(index, 'family')).toEqual(names.flatMap((n) => (n.family ? [n.family] : [])).sort());
        expect(strings(index, 'given')).toEqual(names.flatMap((n) => n.given ?? []).sort());
      }
    });

    it('folds case and accents in the normalized form', () => {
      const rows = patients().flatMap((p) => indexOf(p).string);
      for (const row of rows) {
        expect(row.normalized.localeCompare(row.value, 'en', { sensitivity: 'base' })).toBe(0);
        expect(row.normalized).toBe(row.normalized.toLowerCase());
        expect(row.normalized).not.toMatch(/[\u0300-\u036f]/);
      }
    });

    it('indexes birthdate as its day, gender and every identifier', () => {
      for (const patient of patients()) {
        const index = indexOf(patient);
        expect(dates(index, 'birthdate')).toEqual(patient.birthDate ? [expectedRange(patient.birthDate)] : []);
        expect(tokens(index, 'gender')).toEqual(
          patient.gender ? sorted([{ system: null, value: patient.gender }]) : [],
        );
        const identifiers = (patient.identifier ?? []).map((i) => ({
          system: i.system ?? null,
          value: i.value ?? null,
        }));
        expect([...new Set(tokens(index, 'identifier'))]).toEqual([...new Set(sorted(identifiers))]);
      }
    });
  });

  describe('Observation', () => {
    const observations = () => resourcesOf<Observation>('Observation');

    it('indexes code and category codings', () => {
      for (const observation of observations()) {
        const index = indexOf(observation);
        expect(tokens(index, 'code')).toEqual(codings(observation.code.coding));
        expect(tokens(index, 'category')).toEqual(codings(observation.category?.flatMap((c) => c.coding ?? [])));
      }
    });

    it('indexes date from effectiveDateTime and effectivePeriod', () => {
      let periods = 0;
      for (const observation of observations()) {
        const { effectiveDateTime: at, effectivePeriod: period } = observation;
        const expected = at
          ? [expectedRange(at)]
          : period
            ? [
                {
                  low: period.start ? expectedRange(period.start)?.low : null,
                  high: period.end ? expectedRange(period.end)?.high : null,
                },
              ]
            : [];
        periods += period ? 1 : 0;
        expect(dates(indexOf(observation), 'date')).toEqual(expected);
      }
      expect(periods).toBeGreaterThan(0);
    });

    it('indexes subject, and patient only when the subject is a Patient', () => {
      for (const observation of observations()) {
        const index = indexOf(observation);
        const subject = observation.subject?.reference;
        const [type, id] = subject?.split('/') ?? [];
        const expected = subject ? [{ reference: subject, targetType: type, targetId: id }] : [];
        const pick = (code: string) =>
          index.reference
            .filter((r) => r.code === code)
            .map(({ reference, targetType, targetId }) => ({ reference, targetType, targetId }));
        expect(pick('subject')).toEqual(expected);
        expect(pick('patient')).toEqual(type === 'Patient' ? expected : []);
      }
    });

    it('indexes value-quantity and the code-value-quantity composite', () => {
      const withQuantity = observations().filter((o) => o.valueQuantity);
      expect(withQuantity.length).toBeGreaterThan(100);
      for (const observation of withQuantity) {
        const index = indexOf(observation);
        const quantity = observation.valueQuantity ?? {};
        const expected = { value: quantity.value, system: quantity.system ?? null, unitCode: quantity.code ?? null };
        const rows = index.quantity.filter((r) => r.code === 'value-quantity');
        expect(rows.map(({ value, system, unitCode }) => ({ value, system, unitCode }))).toEqual([expected]);
        const composite = index.composite.filter((r) => r.code === 'code-value-quantity');
        expect(composite).toHaveLength(1);
        const [codeComponent, valueComponent] = composite[0].components;
        expect(codeComponent.code).toBe('code');
        expect(
          sorted(
            codeComponent.rows.flatMap((r) =>
              'value' in r && 'system' in r && r.value ? [{ system: r.system, value: r.value }] : [],
            ),
          ),
        ).toEqual(codings(observation.code.coding));
        expect(valueComponent.rows.map((r) => ('value' in r ? r.value : undefined))).toEqual([quantity.value]);
      }
    });
  });

  it('indexes Condition clinical-status and onset-date', () => {
    for (const condition of resourcesOf<Condition>('Condition')) {
      const index = indexOf(condition);
      expect(tokens(index, 'clinical-status')).toEqual(codings(condition.clinicalStatus?.coding));
      const onset = condition.onsetDateTime ? [expectedRange(condition.onsetDateTime)] : [];
      if (!condition.onsetPeriod) {
        expect(dates(index, 'onset-date')).toEqual(onset);
      }
    }
  });

  it('indexes Encounter date as its period', () => {
    for (const encounter of resourcesOf<Encounter>('Encounter')) {
      const { start, end } = encounter.period ?? {};
      const expected =
        start || end
          ? [{ low: start ? expectedRange(start)?.low : null, high: end ? expectedRange(end)?.high : null }]
          : [];
      expect(dates(indexOf(encounter), 'date')).toEqual(expected);
    }
  });

  it('indexes MedicationRequest authoredon, intent and status', () => {
    for (const request of resourcesOf<MedicationRequest>('MedicationRequest')) {
      const index = indexOf(request);
      expect(dates(index, 'authoredon')).toEqual(request.authoredOn ? [expectedRange(request.authoredOn)] : []);
      expect(tokens(index, 'intent')).toEqual(sorted([{ system: null, value: request.intent }]));
      expect(tokens(index, 'status')).toEqual(sorted([{ system: null, value: request.status }]));
    }
  });

  it('indexes every shared resource without error (throughput reported, not asserted)', () => {
    const synthea = syntheaResources();
    const started = performance.now();
    let rows = 0;
    for (const resource of synthea) {
      const index = extractIndexValues(resource);
      rows +=
        index.string.length + index.token.length + index.date.length + index.reference.length + index.quantity.length;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `indexed ${synthea.length} Synthea resources (${rows} rows) in ${seconds.toFixed(2)} s: ${Math.round(synthea.length / seconds)} resources/s`,
    );
    for (const resource of usCoreExamples()) {
      expect(() => extractIndexValues(resource)).not.toThrow();
    }
  });
});
