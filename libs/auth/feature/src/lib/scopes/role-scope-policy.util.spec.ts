import { roleMayHaveScope } from './role-scope-policy.util';

describe(roleMayHaveScope.name, () => {
  it.each(['openid', 'fhirUser', 'offline_access', 'launch/patient', 'patient/*.read', 'patient/Observation.read'])(
    'allows %s to every role',
    (scope) => {
      for (const role of ['provider', 'staff', 'patient', 'authorized-representative'] as const) {
        expect(roleMayHaveScope(role, scope)).toBe(true);
      }
    },
  );

  it('allows user/* scopes to providers and staff only', () => {
    expect(roleMayHaveScope('provider', 'user/*.read')).toBe(true);
    expect(roleMayHaveScope('staff', 'user/Patient.read')).toBe(true);
    expect(roleMayHaveScope('patient', 'user/*.read')).toBe(false);
    expect(roleMayHaveScope('authorized-representative', 'user/*.read')).toBe(false);
  });

  it('allows no role system/* scopes or unknown scopes', () => {
    expect(roleMayHaveScope('provider', 'system/*.read')).toBe(false);
    expect(roleMayHaveScope('staff', 'launch')).toBe(false);
  });
});
