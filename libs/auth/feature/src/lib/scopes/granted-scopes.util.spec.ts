import { backendServiceScopes, grantedScopes } from './granted-scopes.util';

const LAB = 'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory';

describe(grantedScopes.name, () => {
  const clientScopes = ['openid', 'fhirUser', 'user/*.read', 'patient/*.read', 'system/*.read'];

  it('keeps requested scopes that both the client and the role allow, in request order', () => {
    expect(grantedScopes(['patient/*.read', 'openid', 'system/*.read'], clientScopes, 'provider')).toEqual([
      'patient/*.read',
      'openid',
    ]);
  });

  it("uses the client's scopes when none are requested, minus what the role may not have", () => {
    expect(grantedScopes(undefined, clientScopes, 'staff')).toEqual([
      'openid',
      'fhirUser',
      'user/*.read',
      'patient/*.read',
    ]);
  });

  it('drops user/ scopes for patients and representatives', () => {
    expect(grantedScopes(undefined, clientScopes, 'patient')).toEqual(['openid', 'fhirUser', 'patient/*.read']);
    expect(grantedScopes(['user/*.read', 'user/Patient.rs'], clientScopes, 'authorized-representative')).toEqual([]);
  });

  it('grants a narrower scope that a wildcard client scope covers, v1 or v2', () => {
    expect(grantedScopes(['user/Patient.read', 'user/Observation.rs', LAB], clientScopes, 'provider')).toEqual([
      'user/Patient.read',
      'user/Observation.rs',
      LAB,
    ]);
  });

  it('refuses what the client scopes do not cover', () => {
    expect(
      grantedScopes(['user/Patient.write', 'user/*.cruds', 'profile', 'launch'], clientScopes, 'provider'),
    ).toEqual([]);
  });

  it('grants a granular scope only where the client registered no query or the identical one', () => {
    const granular = ['openid', LAB];
    expect(grantedScopes([LAB], granular, 'patient')).toEqual([LAB]);
    expect(
      grantedScopes(['patient/Observation.rs', 'patient/Observation.rs?category=vital-signs'], granular, 'patient'),
    ).toEqual([]);
  });

  it('drops malformed requested scopes', () => {
    expect(grantedScopes(['patient/Unicorn.read', 'patient/*.sr', 'openid'], clientScopes, 'patient')).toEqual([
      'openid',
    ]);
  });

  it('grants a repeated scope once', () => {
    expect(grantedScopes(['openid', 'openid'], clientScopes, 'provider')).toEqual(['openid']);
  });

  it('grants identity and launch scopes to every role when the client has them', () => {
    const identity = ['openid', 'fhirUser', 'profile', 'launch', 'launch/patient', 'launch/encounter'];
    const lifetimes = ['offline_access', 'online_access'];
    for (const role of ['provider', 'staff', 'patient', 'authorized-representative'] as const) {
      expect(grantedScopes(undefined, [...identity, ...lifetimes], role)).toEqual([...identity, ...lifetimes]);
    }
  });
});

describe(backendServiceScopes.name, () => {
  const clientScopes = ['system/*.read', 'user/*.read', 'openid'];

  it('grants only system/ resource scopes the client covers', () => {
    expect(
      backendServiceScopes(['system/Patient.rs', 'user/Patient.rs', 'openid', 'system/*.write'], clientScopes),
    ).toEqual(['system/Patient.rs']);
  });

  it("uses the client's system/ scopes when none are requested", () => {
    expect(backendServiceScopes(undefined, clientScopes)).toEqual(['system/*.read']);
  });

  it('drops malformed scopes', () => {
    expect(backendServiceScopes(['system/Unicorn.rs', 'system/*.rs'], clientScopes)).toEqual(['system/*.rs']);
  });
});
