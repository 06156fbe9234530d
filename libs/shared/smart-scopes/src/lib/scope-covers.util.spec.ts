import fc from 'fast-check';
import { parseSmartScope } from './parse-smart-scope.util';
import { scopeCovers } from './scope-covers.util';
import type { SmartScope } from './smart-scope.model';

const LAB = 'category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory';

function scope(text: string): SmartScope {
  const parsed = parseSmartScope(text);
  if (parsed === undefined) {
    throw new Error(`test scope ${text} does not parse`);
  }
  return parsed;
}

const covers = (allowed: string, requested: string) => scopeCovers(scope(allowed), scope(requested));

describe(scopeCovers.name, () => {
  it.each([
    ['patient/*.read', 'patient/Observation.read'],
    ['patient/*.read', 'patient/Observation.rs'],
    ['patient/*.read', 'patient/Observation.r'],
    ['patient/*.rs', 'patient/*.read'],
    ['user/*.cruds', 'user/Patient.read'],
    ['user/*.*', 'user/Observation.cruds'],
    ['user/Observation.read', 'user/Observation.s'],
    ['patient/Observation.rs', `patient/Observation.rs?${LAB}`],
    ['patient/*.rs', `patient/Observation.r?${LAB}`],
    [`patient/Observation.rs?${LAB}`, `patient/Observation.rs?${LAB}`],
    [`patient/Observation.rs?${LAB}&status=final`, `patient/Observation.s?status=final&${LAB}`],
    ['openid', 'openid'],
    ['launch/patient', 'launch/patient'],
  ])('%s covers %s', (allowed, requested) => {
    expect(covers(allowed, requested)).toBe(true);
  });

  it.each([
    ['patient/*.read', 'user/Observation.read', 'another context'],
    ['user/*.read', 'system/*.read', 'another context'],
    ['patient/Observation.read', 'patient/Condition.read', 'another type'],
    ['patient/Observation.read', 'patient/*.read', 'a wildcard it does not have'],
    ['patient/*.read', 'patient/Observation.write', 'more permissions'],
    ['patient/*.r', 'patient/Observation.rs', 'more permissions'],
    ['patient/*.read', 'patient/Observation.*', 'more permissions'],
    [`patient/Observation.rs?${LAB}`, 'patient/Observation.rs', 'no query where it has one'],
    [`patient/Observation.rs?${LAB}`, 'patient/Observation.rs?category=vital-signs', 'another query'],
    [`patient/Observation.rs?${LAB}&status=final`, `patient/Observation.rs?${LAB}`, 'a query with fewer parameters'],
    ['openid', 'fhirUser', 'another identity scope'],
    ['launch', 'launch/patient', 'another launch scope'],
    ['user/*.read', 'openid', 'an identity scope'],
    ['openid', 'user/*.read', 'a resource scope'],
  ])('%s does not cover %s (%s)', (allowed, requested) => {
    expect(covers(allowed, requested)).toBe(false);
  });

  describe('properties', () => {
    const resourceScope = fc
      .record({
        context: fc.constantFrom('patient', 'user', 'system'),
        type: fc.constantFrom('*', 'Observation', 'Patient'),
        letters: fc.subarray(['c', 'r', 'u', 'd', 's'], { minLength: 1 }),
        query: fc.option(fc.constantFrom(LAB, 'status=final', `${LAB}&status=final`), { nil: undefined }),
      })
      .map(({ context, type, letters, query }) => {
        const base = `${context}/${type}.${letters.join('')}`;
        return type === '*' || query === undefined ? base : `${base}?${query}`;
      });

    it('every scope covers itself', () => {
      fc.assert(fc.property(resourceScope, (text) => expect(covers(text, text)).toBe(true)));
    });

    it('judges a v1 scope exactly as its v2 equivalent, as the allowed and as the requested scope', () => {
      const equivalents = fc
        .record({
          context: fc.constantFrom('patient', 'user', 'system'),
          type: fc.constantFrom('*', 'Observation', 'Patient'),
          pair: fc.constantFrom(['read', 'rs'], ['write', 'cud'], ['*', 'cruds']),
        })
        .map(({ context, type, pair }) => pair.map((permissions) => `${context}/${type}.${permissions}`));
      fc.assert(
        fc.property(equivalents, resourceScope, ([v1, v2], other) => {
          expect(covers(v1, other)).toBe(covers(v2, other));
          expect(covers(other, v1)).toBe(covers(other, v2));
        }),
      );
    });
  });
});
