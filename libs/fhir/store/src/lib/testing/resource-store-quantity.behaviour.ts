import type { Observation, Quantity } from 'fhir/r4';
import type { ResourceStore } from '../resource-store.service';
import { type CompositeSearchCorpus, MILLIGRAM_FIXTURES, searchAllIds } from './composite-search-corpus';
import { idSet } from './synthea-corpus';

/*
 * Quantity search with UCUM normalization (https://hl7.org/fhir/R4/search.html#quantity), on the corpus the
 * composite behaviour imported. The conversions below are the UCUM definitions written out by hand
 * (https://ucum.org/ucum): expected sets never go through ucum-lhc, the indexer or the engine.
 */

const UCUM = 'http://unitsofmeasure.org';

/** Grams per unit, for the mass units (the data has kg, pg). */
const GRAMS: Readonly<Record<string, number>> = {
  kg: 1e3,
  g: 1,
  mg: 1e-3,
  ug: 1e-6,
  ng: 1e-9,
  pg: 1e-12,
  '[lb_av]': 453.59237,
};

/** Grams per litre, for the mass concentrations (the data has mg/dL, g/dL). */
const GRAMS_PER_LITRE: Readonly<Record<string, number>> = {
  'g/L': 1,
  'g/dL': 10,
  'mg/dL': 1e-2,
  'mg/L': 1e-3,
  'mg/mL': 1,
  'ug/mL': 1e-3,
  'ug/dL': 1e-5,
  'ug/L': 1e-6,
  'ng/mL': 1e-6,
  'pg/mL': 1e-9,
};

/** Degrees Fahrenheit of a UCUM temperature (Cel, [degF]); undefined for other units. */
function fahrenheit(quantity: Quantity): number | undefined {
  if (quantity.code === 'Cel') {
    return ((quantity.value as number) * 9) / 5 + 32;
  }
  return quantity.code === '[degF]' ? quantity.value : undefined;
}

/** `valueQuantity` in another unit through `factors`, when it is a UCUM quantity in one of them. */
function converted(observation: Observation, factors: Readonly<Record<string, number>>): number | undefined {
  const quantity = observation.valueQuantity;
  const factor = quantity?.code === undefined ? undefined : factors[quantity.code];
  return quantity?.system === UCUM && quantity.value !== undefined && factor !== undefined
    ? quantity.value * factor
    : undefined;
}

export function describeQuantitySearchBehaviour(
  getStore: () => ResourceStore,
  getCorpus: () => CompositeSearchCorpus,
): void {
  const matchIds = (query: string) => searchAllIds(getStore(), 'Observation', query);
  const observationsWhere = (keep: (observation: Observation) => boolean) =>
    idSet(getCorpus().observations.filter(keep));

  describe('search (quantities in canonical UCUM units)', () => {
    it('finds 5.4 mg and 0.0054 g alike, with the precision of the value as written', async () => {
      const both = MILLIGRAM_FIXTURES.map((observation) => observation.id).sort();
      const fixtures = (value: string) => matchIds(`code=urn:connector:test|ucum&value-quantity=${value}`);
      // eq ranges: 5.4 mg = [5.35, 5.45) mg; 5.40 mg = [5.395, 5.405) mg; 5 mg = [4.5, 5.5) mg; 5.5 mg = [5.45, 5.55).
      expect(await fixtures(`5.4|${UCUM}|mg`)).toEqual(both);
      expect(await fixtures(`0.0054|${UCUM}|g`)).toEqual(both);
      expect(await fixtures(`5.40|${UCUM}|mg`)).toEqual(both);
      expect(await fixtures(`5|${UCUM}|mg`)).toEqual(both);
      expect(await fixtures(`5.5|${UCUM}|mg`)).toEqual([]);
      expect(await fixtures(`5.4|${UCUM}|g`)).toEqual([]);
      expect(await fixtures(`5.4|${UCUM}|mL`)).toEqual([]);
    });

    it('finds body weights in kg by grams: 7.2e4 g and 72 kg are the same range [71.5, 72.5) kg', async () => {
      const expected = observationsWhere((o) => {
        const grams = converted(o, GRAMS);
        return grams !== undefined && grams >= 71_500 && grams < 72_500;
      });
      expect(expected.length).toBeGreaterThan(0);
      expect(await matchIds(`value-quantity=7.2e4|${UCUM}|g`)).toEqual(expected);
      expect(await matchIds(`value-quantity=72|${UCUM}|kg`)).toEqual(expected);
    });

    it('finds value-quantity=ge160|…|[lb_av] among weights in kg', async () => {
      const expected = observationsWhere((o) => (converted(o, GRAMS) ?? -1) >= 160 * GRAMS['[lb_av]']);
      expect(expected.length).toBeGreaterThan(0);
      expect(await matchIds(`value-quantity=ge160|${UCUM}|[lb_av]`)).toEqual(expected);
    });

    it('finds value-quantity=gt1|…|g/L among mg/dL and g/dL values', async () => {
      const expected = observationsWhere((o) => (converted(o, GRAMS_PER_LITRE) ?? -1) > 1);
      const units = new Set(
        getCorpus()
          .observations.filter((o) => expected.includes(o.id as string))
          .map((o) => o.valueQuantity?.code),
      );
      expect([...units].sort()).toEqual(['g/dL', 'mg/dL']);
      expect(await matchIds(`value-quantity=gt1|${UCUM}|g/L`)).toEqual(expected);
    });

    it('converts temperatures (affine): Cel values found by [degF], gt and eq', async () => {
      const inFahrenheit = (o: Observation) =>
        o.valueQuantity?.system === UCUM ? fahrenheit(o.valueQuantity) : undefined;
      const above = observationsWhere((o) => (inFahrenheit(o) ?? -Infinity) > 100.4);
      const around99 = observationsWhere((o) => {
        const degrees = inFahrenheit(o);
        return degrees !== undefined && degrees >= 98.5 && degrees < 99.5;
      });
      expect(above.length).toBeGreaterThan(0);
      expect(around99.length).toBeGreaterThan(0);
      expect(await matchIds(`value-quantity=gt100.4|${UCUM}|[degF]`)).toEqual(above);
      expect(await matchIds(`value-quantity=99|${UCUM}|[degF]`)).toEqual(around99);
    });

    it('keeps exact unit matching for UCUM codes that do not convert and for searches without a system', async () => {
      // `(score)` is not valid UCUM (the data writes it anyway): only the same code matches, in its own units.
      const scores = observationsWhere(
        (o) =>
          o.valueQuantity?.system === UCUM && o.valueQuantity.code === '(score)' && (o.valueQuantity.value ?? 99) < 20,
      );
      expect(scores.length).toBeGreaterThan(0);
      expect(await matchIds(`value-quantity=lt20|${UCUM}|(score)`)).toEqual(scores);
      // No system: the code compares with Quantity.code or Quantity.unit as written, g/dL values stay out.
      const milligrams = observationsWhere((o) => {
        const quantity = o.valueQuantity;
        return (quantity?.code === 'mg/dL' || quantity?.unit === 'mg/dL') && (quantity.value ?? -1) > 100;
      });
      expect(milligrams.length).toBeGreaterThan(0);
      expect(await matchIds('value-quantity=gt100||mg/dL')).toEqual(milligrams);
    });

    it('converts the quantity part of a composite: code-value-quantity=<body weight>$ge2500|…|[oz_av]', async () => {
      // 1 [oz_av] = 1/16 [lb_av] = 28.349523125 g: 2500 oz = 156.25 lb ≈ 70.87 kg.
      const ounces = GRAMS['[lb_av]'] / 16;
      const expected = observationsWhere(
        (o) =>
          (o.code.coding ?? []).some((c) => c.system === 'http://loinc.org' && c.code === '29463-7') &&
          (converted(o, GRAMS) ?? -1) >= 2500 * ounces,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(await matchIds(`code-value-quantity=http://loinc.org|29463-7$ge2500|${UCUM}|[oz_av]`)).toEqual(expected);
    });
  });
}
