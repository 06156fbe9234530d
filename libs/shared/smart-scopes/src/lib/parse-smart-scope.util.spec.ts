import fc from 'fast-check';
import { parseSmartScope, parseSmartScopes } from './parse-smart-scope.util';
import { NON_RESOURCE_SCOPES, SCOPE_PERMISSIONS, type ScopePermission } from './smart-scope.model';

const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';

describe(parseSmartScope.name, () => {
  describe('SMART v1', () => {
    it.each([
      ['patient/*.read', 'patient', '*', ['r', 's']],
      ['user/Observation.write', 'user', 'Observation', ['c', 'u', 'd']],
      ['patient/Observation.*', 'patient', 'Observation', ['c', 'r', 'u', 'd', 's']],
      ['system/*.*', 'system', '*', ['c', 'r', 'u', 'd', 's']],
      ['user/Patient.read', 'user', 'Patient', ['r', 's']],
    ])('parses %s', (text, context, resourceType, permissions) => {
      expect(parseSmartScope(text)).toEqual({
        kind: 'resource',
        context,
        resourceType,
        permissions: new Set(permissions),
        syntax: 'v1',
      });
    });

    it('refuses a v1 scope with a query', () => {
      expect(parseSmartScope(`patient/Observation.read?category=${LAB}`)).toBeUndefined();
    });
  });

  describe('SMART v2', () => {
    it.each([
      ['patient/Observation.rs', 'patient', 'Observation', ['r', 's']],
      ['user/*.cruds', 'user', '*', ['c', 'r', 'u', 'd', 's']],
      ['system/Patient.r', 'system', 'Patient', ['r']],
      ['patient/Condition.s', 'patient', 'Condition', ['s']],
      ['user/Encounter.cud', 'user', 'Encounter', ['c', 'u', 'd']],
    ])('parses %s', (text, context, resourceType, permissions) => {
      expect(parseSmartScope(text)).toEqual({
        kind: 'resource',
        context,
        resourceType,
        permissions: new Set(permissions),
        syntax: 'v2',
      });
    });

    it('parses a granular scope, keeping its url-decoded query', () => {
      expect(parseSmartScope(`patient/Observation.rs?category=${LAB}`)).toEqual({
        kind: 'resource',
        context: 'patient',
        resourceType: 'Observation',
        permissions: new Set(['r', 's']),
        syntax: 'v2',
        query: [['category', LAB]],
      });
      expect(parseSmartScope('patient/Observation.rs?category=http%3A%2F%2Fx.org%7Clab%20work')).toMatchObject({
        query: [['category', 'http://x.org|lab work']],
      });
    });

    it('keeps several parameters of a granular scope in order', () => {
      expect(parseSmartScope('user/Observation.r?category=vital-signs&status=final&code%3Atext=bp')).toMatchObject({
        query: [
          ['category', 'vital-signs'],
          ['status', 'final'],
          ['code:text', 'bp'],
        ],
      });
    });

    it('accepts resource-level parameters such as _id and _tag', () => {
      expect(parseSmartScope('user/Patient.rs?_tag=http://x|y')).toMatchObject({ query: [['_tag', 'http://x|y']] });
    });
  });

  describe('identity and launch scopes', () => {
    it.each(NON_RESOURCE_SCOPES)('parses %s as its own kind', (text) => {
      expect(parseSmartScope(text)).toEqual({ kind: text });
    });
  });

  describe('malformed input', () => {
    it.each([
      ['an empty string', ''],
      ['an unknown context', 'admin/*.read'],
      ['an unknown resource type', 'patient/Unicorn.read'],
      ['a lower-case type', 'patient/observation.rs'],
      ['no permissions', 'patient/Observation.'],
      ['no dot', 'patient/Observation'],
      ['an unknown v1 permission', 'patient/Observation.readwrite'],
      ['v2 letters out of order', 'patient/Observation.sr'],
      ['repeated v2 letters', 'patient/Observation.rrs'],
      ['unknown v2 letters', 'patient/Observation.rx'],
      ['a query on *', 'patient/*.rs?category=laboratory'],
      ['an empty query', 'patient/Observation.rs?'],
      ['a parameter without a value', 'patient/Observation.rs?category'],
      ['a parameter with an empty value', 'patient/Observation.rs?category='],
      ['an empty parameter name', 'patient/Observation.rs?=x'],
      ['an empty parameter between &', 'patient/Observation.rs?category=a&&status=final'],
      ['a bad percent escape', 'patient/Observation.rs?category=%E0%A4%A'],
      ['a chained parameter', 'patient/Observation.rs?subject.name=x'],
      ['_has', 'patient/Patient.rs?_has:Observation:patient:code=1234'],
      ['a result parameter', 'patient/Observation.rs?_count=1'],
      ['a launch context not defined by SMART', 'launch/unicorn'],
      ['a case variant of an identity scope', 'OpenID'],
      ['surrounding spaces', ' openid'],
    ])('refuses %s', (_, text) => {
      expect(parseSmartScope(text)).toBeUndefined();
    });
  });

  describe('properties', () => {
    const contexts = fc.constantFrom('patient', 'user', 'system');
    const types = fc.constantFrom('*', 'Observation', 'Patient', 'MedicationRequest', 'AllergyIntolerance');

    it('parses every non-empty ordered subset of cruds as exactly those permissions', () => {
      fc.assert(
        fc.property(
          contexts,
          types,
          fc.subarray([...SCOPE_PERMISSIONS], { minLength: 1 }),
          (context, type, letters) => {
            expect(parseSmartScope(`${context}/${type}.${letters.join('')}`)).toEqual({
              kind: 'resource',
              context,
              resourceType: type,
              permissions: new Set<ScopePermission>(letters),
              syntax: 'v2',
            });
          },
        ),
      );
    });

    it('refuses any permission string that is not an ordered subset of cruds', () => {
      const orderedSubsets = new Set(
        Array.from({ length: 31 }, (_, n) => SCOPE_PERMISSIONS.filter((_, bit) => ((n + 1) >> bit) & 1).join('')),
      );
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom('c', 'r', 'u', 'd', 's', 'x'), minLength: 1 }), (letters) => {
          fc.pre(!orderedSubsets.has(letters));
          expect(parseSmartScope(`patient/Observation.${letters}`)).toBeUndefined();
        }),
      );
    });

    it('url-decodes any encoded query value back to the original', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (value) => {
          const scope = parseSmartScope(`user/Observation.rs?code=${encodeURIComponent(value)}`);
          expect(scope).toMatchObject({ query: [['code', value]] });
        }),
      );
    });
  });
});

describe(parseSmartScopes.name, () => {
  it('parses a scope claim, dropping malformed scopes', () => {
    expect(parseSmartScopes('openid patient/Unicorn.read  user/*.rs')).toEqual([
      { kind: 'openid' },
      { kind: 'resource', context: 'user', resourceType: '*', permissions: new Set(['r', 's']), syntax: 'v2' },
    ]);
    expect(parseSmartScopes(undefined)).toEqual([]);
  });
});
