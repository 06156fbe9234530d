import { accessContextFromScopes, type ScopeAccessInput } from './access-context-from-scopes.util';
import { parseSmartScopes } from './parse-smart-scope.util';
import type { ScopeInteraction } from './smart-scope.model';

const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
const VITALS = 'http://terminology.hl7.org/CodeSystem/observation-category|vital-signs';

function contextOf(
  scopes: string,
  interaction: ScopeInteraction = 'read',
  extra: Omit<ScopeAccessInput, 'scopes' | 'interaction'> = {},
) {
  return accessContextFromScopes({ scopes: parseSmartScopes(scopes), interaction, ...extra });
}

describe(accessContextFromScopes.name, () => {
  describe('resource types', () => {
    it('restricts nothing for a * scope', () => {
      expect(contextOf('user/*.read')).toEqual({});
      expect(contextOf('system/*.rs', 'search')).toEqual({});
    });

    it('lists the granted types, sorted and once each', () => {
      expect(contextOf('user/Patient.read user/Observation.rs user/Observation.read openid')).toEqual({
        resourceTypes: ['Observation', 'Patient'],
      });
    });

    it('grants nothing without a resource scope', () => {
      expect(contextOf('openid fhirUser launch/patient')).toEqual({ resourceTypes: [] });
      expect(contextOf('')).toEqual({ resourceTypes: [] });
    });

    it('counts a scope for read only with r and for search only with s', () => {
      const scopes = 'user/Patient.r user/Observation.s user/Condition.rs';
      expect(contextOf(scopes, 'read')).toEqual({ resourceTypes: ['Condition', 'Patient'] });
      expect(contextOf(scopes, 'search')).toEqual({ resourceTypes: ['Condition', 'Observation'] });
    });

    it('never honours create, update or delete alone (a read-only server)', () => {
      expect(contextOf('user/*.write user/Observation.cud', 'read')).toEqual({ resourceTypes: [] });
      expect(contextOf('user/*.write user/Observation.cud', 'search')).toEqual({ resourceTypes: [] });
    });

    it('treats v1 read as r and s', () => {
      expect(contextOf('user/Observation.read', 'read')).toEqual({ resourceTypes: ['Observation'] });
      expect(contextOf('user/Observation.read', 'search')).toEqual({ resourceTypes: ['Observation'] });
    });
  });

  describe('granular constraints', () => {
    it('constrains a type to its granular query', () => {
      expect(contextOf(`user/Observation.rs?category=${LAB}`, 'search')).toEqual({
        resourceTypes: ['Observation'],
        constraints: [{ resourceType: 'Observation', params: [['category', LAB]] }],
      });
    });

    it('ORs several granular queries of one type and keeps all parameters of each', () => {
      expect(
        contextOf(`user/Observation.rs?category=${LAB}&status=final user/Observation.rs?category=${VITALS}`, 'search'),
      ).toEqual({
        resourceTypes: ['Observation'],
        constraints: [
          {
            resourceType: 'Observation',
            params: [
              ['category', LAB],
              ['status', 'final'],
            ],
          },
          { resourceType: 'Observation', params: [['category', VITALS]] },
        ],
      });
    });

    it('drops the constraints of a type some scope grants without a query', () => {
      expect(contextOf(`user/Observation.rs?category=${LAB} user/Observation.read`, 'search')).toEqual({
        resourceTypes: ['Observation'],
      });
      expect(contextOf(`user/Observation.rs?category=${LAB} user/*.rs`, 'search')).toEqual({});
    });

    it('keeps the constraints when the unconstrained scope does not count for the interaction', () => {
      expect(contextOf(`user/Observation.rs?category=${LAB} user/Observation.r`, 'search')).toEqual({
        resourceTypes: ['Observation'],
        constraints: [{ resourceType: 'Observation', params: [['category', LAB]] }],
      });
    });

    it('constrains only the granular type next to other granted types', () => {
      expect(contextOf(`user/Patient.rs user/Observation.r?category=${LAB}`, 'read')).toEqual({
        resourceTypes: ['Observation', 'Patient'],
        constraints: [{ resourceType: 'Observation', params: [['category', LAB]] }],
      });
    });

    it('lists a repeated granular query once', () => {
      expect(contextOf(`user/Observation.rs?category=${LAB} user/Observation.r?category=${LAB}`)).toEqual({
        resourceTypes: ['Observation'],
        constraints: [{ resourceType: 'Observation', params: [['category', LAB]] }],
      });
    });
  });

  describe('patients', () => {
    it("always bounds a patient user's token to its patients", () => {
      expect(contextOf('patient/*.read', 'read', { patientUser: ['a', 'b'] })).toEqual({ patients: ['a', 'b'] });
      expect(contextOf('user/*.read', 'read', { patientUser: ['a'] })).toEqual({ patients: ['a'] });
      expect(contextOf('openid', 'read', { patientUser: [] })).toEqual({ resourceTypes: [], patients: [] });
    });

    it('bounds patient/ scopes to the launch patient', () => {
      expect(contextOf('patient/*.rs', 'search', { launchPatient: 'p1' })).toEqual({ patients: ['p1'] });
    });

    it('bounds patient/ scopes without a launch patient to no patient at all', () => {
      expect(contextOf('patient/Observation.rs', 'search')).toEqual({ resourceTypes: ['Observation'], patients: [] });
    });

    it('does not bound user/ and system/ scopes', () => {
      expect(contextOf('user/*.rs', 'search', { launchPatient: 'p1' })).toEqual({});
      expect(contextOf('system/Observation.rs', 'search', { launchPatient: 'p1' })).toEqual({
        resourceTypes: ['Observation'],
      });
    });

    it('drops the bound when the user/ scopes already grant everything the patient/ scopes grant', () => {
      expect(contextOf('user/*.read patient/*.read', 'read', { launchPatient: 'p1' })).toEqual({});
      expect(contextOf('user/*.read patient/Observation.rs', 'search')).toEqual({});
      expect(
        contextOf(`user/Observation.rs?category=${LAB} patient/Observation.rs?category=${LAB}`, 'search', {
          launchPatient: 'p1',
        }),
      ).toEqual({
        resourceTypes: ['Observation'],
        constraints: [{ resourceType: 'Observation', params: [['category', LAB]] }],
      });
    });

    it('bounds everything when the patient/ scopes grant more than the user/ scopes (the safe side)', () => {
      expect(contextOf('user/Patient.rs patient/Observation.rs', 'search', { launchPatient: 'p1' })).toEqual({
        resourceTypes: ['Observation', 'Patient'],
        patients: ['p1'],
      });
      expect(
        contextOf(`user/Observation.rs?category=${LAB} patient/Observation.rs`, 'search', { launchPatient: 'p1' }),
      ).toEqual({ resourceTypes: ['Observation'], patients: ['p1'] });
      expect(contextOf('user/Patient.rs patient/*.rs', 'read')).toEqual({ patients: [] });
    });

    it('judges the patient/ scopes that count for the interaction only', () => {
      // patient/Observation.s does not count for a read, so nothing is left to bound.
      expect(contextOf('user/Patient.r patient/Observation.s', 'read', { launchPatient: 'p1' })).toEqual({
        resourceTypes: ['Patient'],
      });
    });
  });
});
