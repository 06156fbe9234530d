import { parseSmartScope, type SmartScope } from '@connector/smart-scopes';
import { roleMayHaveScope } from './role-scope-policy.util';

const ROLES = ['provider', 'staff', 'patient', 'authorized-representative'] as const;

function scope(text: string): SmartScope {
  const parsed = parseSmartScope(text);
  if (parsed === undefined) {
    throw new Error(`test scope ${text} does not parse`);
  }
  return parsed;
}

describe(roleMayHaveScope.name, () => {
  it.each([
    'openid',
    'fhirUser',
    'profile',
    'launch',
    'launch/patient',
    'launch/encounter',
    'offline_access',
    'online_access',
    'patient/*.read',
    'patient/Observation.read',
    'patient/Observation.rs?category=laboratory',
  ])('allows %s to every role', (text) => {
    for (const role of ROLES) {
      expect(roleMayHaveScope(role, scope(text))).toBe(true);
    }
  });

  it('allows user/ scopes, v1 and v2, to providers and staff only', () => {
    for (const text of ['user/*.read', 'user/Patient.rs']) {
      expect(roleMayHaveScope('provider', scope(text))).toBe(true);
      expect(roleMayHaveScope('staff', scope(text))).toBe(true);
      expect(roleMayHaveScope('patient', scope(text))).toBe(false);
      expect(roleMayHaveScope('authorized-representative', scope(text))).toBe(false);
    }
  });

  it('allows no role system/ scopes', () => {
    for (const role of ROLES) {
      expect(roleMayHaveScope(role, scope('system/*.read'))).toBe(false);
      expect(roleMayHaveScope(role, scope('system/Patient.rs'))).toBe(false);
    }
  });
});
