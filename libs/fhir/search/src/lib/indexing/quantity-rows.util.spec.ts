import { quantityRows } from './quantity-rows.util';

const UCUM = 'http://unitsofmeasure.org';
const quantity = (data: object, type = 'Quantity') => quantityRows('value-quantity', { type, data, path: undefined });

describe(quantityRows.name, () => {
  it('keeps the value as written and adds the canonical UCUM value and unit', () => {
    const [row] = quantity({ value: 5.4, system: UCUM, code: 'mg', unit: 'milligram' });
    expect(row).toMatchObject({ value: 5.4, valueText: '5.4', system: UCUM, unitCode: 'mg', unit: 'milligram' });
    expect(row.canonicalValue).toBeCloseTo(0.0054, 12);
    // Commensurable units share the canonical unit: 5.4 mg and 0.0054 g index the same canonical value.
    const [grams] = quantity({ value: 0.0054, system: UCUM, code: 'g' });
    expect([grams.canonicalValue, grams.canonicalUnit]).toEqual([row.canonicalValue, row.canonicalUnit]);
  });

  it.each([
    ['another system', { value: 5, system: 'http://snomed.info/sct', code: '258684004' }],
    ['no system (unit code alone is not UCUM)', { value: 5, code: 'mg' }],
    ['an arbitrary UCUM unit', { value: 5, system: UCUM, code: '[IU]/L' }],
    ['a logarithmic UCUM unit', { value: 5, system: UCUM, code: '[pH]' }],
  ])('has no canonical value for %s', (_why, data) => {
    expect(quantity(data)).toEqual([expect.objectContaining({ value: 5, canonicalValue: null, canonicalUnit: null })]);
  });

  it('indexes Money under ISO 4217 without a canonical form and a Range with value null', () => {
    expect(quantity({ value: 12, currency: 'EUR' }, 'Money')).toEqual([
      expect.objectContaining({ value: 12, system: 'urn:iso:std:iso:4217', unitCode: 'EUR', canonicalValue: null }),
    ]);
    const range = { low: { value: 1, system: UCUM, code: 'mg' }, high: { value: 3, system: UCUM, code: 'mg' } };
    expect(quantity(range, 'Range')).toEqual([
      expect.objectContaining({ value: null, low: 1, high: 3, unitCode: 'mg', canonicalValue: null }),
    ]);
  });
});
