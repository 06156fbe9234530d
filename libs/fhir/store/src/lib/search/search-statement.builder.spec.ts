import { searchParameter } from '@connector/fhir-search-parameters';
import type { StoreSqlDialect } from '../resource-store.statements';
import { searchRequest } from '../testing/resource-store-search.behaviour';
import { SearchStatementBuilder } from './search-statement.builder';

const dialect: StoreSqlDialect = {
  resourceTable: '"fhir_resource"',
  versionTable: '"fhir_resource_version"',
  indexTables: {
    string: '"fhir_index_string"',
    token: '"fhir_index_token"',
    date: '"fhir_index_date"',
    reference: '"fhir_index_reference"',
    quantity: '"fhir_index_quantity"',
    number: '"fhir_index_number"',
    uri: '"fhir_index_uri"',
  },
  placeholder: (index) => `$${index + 1}`,
  lockClause: '',
};

describe(SearchStatementBuilder.name, () => {
  describe('page', () => {
    it('binds every value from the query and numbers the placeholders in order', () => {
      const hostile = `x'); DROP TABLE fhir_resource; --`;
      const request = searchRequest('Patient', `name=${hostile}&family:exact=${hostile}&_sort=-birthdate,name`);

      const { sql, params } = new SearchStatementBuilder(dialect, request, searchParameter).page(11, {
        key: 'Patient,-birthdate,name',
        values: [`'${hostile}`, null],
        id: hostile,
        direction: 'after',
      });

      expect(sql).not.toContain('DROP');
      expect(params).toContain(hostile);
      expect(params[params.length - 1]).toBe(11);
      expect([...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]))).toEqual(
        params.map((_value, index) => index + 1),
      );
    });
  });

  describe('count', () => {
    it('ANDs a restriction into the query, with its own bound values', () => {
      const request = searchRequest('Observation', 'code=1234-5');
      const builder = new SearchStatementBuilder(
        dialect,
        request,
        searchParameter,
        (_type, idColumn, binder) => `${idColumn} <> ${binder.bind('hidden')}`,
      );

      const { sql, params } = builder.count();

      expect(sql).toContain('AND (r."id" <> $');
      expect(params).toEqual(['Observation', 'Observation', 'code', '1234-5', 'hidden']);
    });
  });
});
