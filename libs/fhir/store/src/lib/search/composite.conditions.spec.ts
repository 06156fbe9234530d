import { type ParameterFilter, parseSearchQuery } from '@connector/fhir-search';
import { searchParameter } from '@connector/fhir-search-parameters';
import type { StoreSqlDialect } from '../resource-store.statements';
import { compositeCondition } from './composite.conditions';
import { SqlBinder } from './sql-binder';

const dialect = {
  indexTables: { token: '"fhir_index_token"', quantity: '"fhir_index_quantity"' },
  placeholder: (index: number) => `$${index + 1}`,
} as StoreSqlDialect;

function condition(resourceType: string, query: string): { sql: string; params: unknown[] } {
  const [name, value] = query.split(/=(.*)/s);
  const request = parseSearchQuery({ resourceType, params: [[name, value]], lookup: searchParameter, baseUrl: 'x:' });
  const binder = new SqlBinder(dialect);
  const sql = compositeCondition(request.filters[0] as ParameterFilter, resourceType, 'r."id"', binder);
  return { sql, params: binder.params };
}

const placeholders = (sql: string) => [...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]));

describe(compositeCondition.name, () => {
  it('joins the components of one group and binds every value in the order it is written', () => {
    const { sql, params } = condition('Observation', 'component-code-value-quantity=http://loinc.org|8480-6$gt140');
    expect(sql).toContain('"composite_group" = t1."composite_group"');
    expect(params).toEqual([
      'component-code-value-quantity$1',
      140,
      'Observation',
      'component-code-value-quantity$0',
      '8480-6',
      'http://loinc.org',
    ]);
    expect(placeholders(sql)).toEqual(params.map((_value, index) => index + 1));
  });

  it('answers combo-code-value-quantity from the code-value and component-code-value rows, values ORed', () => {
    const { sql, params } = condition('Observation', 'combo-code-value-quantity=8480-6$gt140,8462-4$gt90');
    expect(sql.split(' UNION ALL ')).toHaveLength(4);
    expect(params.filter((param) => typeof param === 'string' && param.includes('$0'))).toEqual([
      'code-value-quantity$0',
      'component-code-value-quantity$0',
      'code-value-quantity$0',
      'component-code-value-quantity$0',
    ]);
    expect(placeholders(sql)).toEqual(params.map((_value, index) => index + 1));
  });

  it('reads :missing from the first component rows', () => {
    expect(condition('Observation', 'code-value-quantity:missing=true')).toEqual({
      sql:
        'r."id" NOT IN (SELECT t1."resource_id" FROM "fhir_index_token" t1 WHERE t1."resource_type" = $1 ' +
        'AND t1."code" = $2)',
      params: ['Observation', 'code-value-quantity$0'],
    });
  });
});
