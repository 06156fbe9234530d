import { parseQuantityValue } from '@connector/fhir-search';
import type { StoreSqlDialect } from '../resource-store.statements';
import { quantityCondition } from './ordered-value.conditions';
import { SqlBinder } from './sql-binder';

const dialect = { placeholder: (index: number) => `$${index + 1}` } as StoreSqlDialect;

function condition(raw: string): { sql: string; params: unknown[] } {
  const binder = new SqlBinder(dialect);
  const sql = quantityCondition('q', parseQuantityValue(raw), binder);
  return { sql, params: binder.params };
}

describe(quantityCondition.name, () => {
  it('compares a UCUM search in canonical units, its written precision range converted (5.4 mg = [5.35, 5.45) mg)', () => {
    const { sql, params } = condition('5.4|http://unitsofmeasure.org|mg');
    expect(sql).toBe('(q."canonical_unit" = $1 AND (q."canonical_value" >= $2 AND q."canonical_value" < $3))');
    // 1 mg = 0.001 g (UCUM's base mass unit is the gram).
    expect(params).toEqual(['g', 0.00535, 0.00545]);
  });

  it('widens ap by 10 % of the value as written, then converts (ap100 [degF] = [90, 110] °F in kelvin)', () => {
    const { params } = condition('ap100|http://unitsofmeasure.org|[degF]');
    const kelvin = (fahrenheit: number) => ((fahrenheit - 32) * 5) / 9 + 273.15;
    expect(params[0]).toBe('K');
    expect(params[1]).toBeCloseTo(kelvin(90), 9);
    expect(params[2]).toBeCloseTo(kelvin(110), 9);
  });

  it('keeps exact system and code matching for units without a canonical form and for other systems', () => {
    expect(condition('gt5|http://unitsofmeasure.org|[IU]/L')).toEqual({
      sql: '(q."value" > $1 AND q."system" = $2 AND q."unit_code" = $3)',
      params: [5, 'http://unitsofmeasure.org', '[IU]/L'],
    });
    expect(condition('5||mg').sql).toBe(
      '((q."value" >= $1 AND q."value" < $2) AND (q."unit_code" = $3 OR q."unit" = $4))',
    );
  });
});
