import { grantedScopes } from './granted-scopes.util';

describe(grantedScopes.name, () => {
  const clientScopes = ['openid', 'fhirUser', 'user/*.read', 'patient/*.read'];

  it('keeps requested scopes that both the client and the role allow, in request order', () => {
    expect(grantedScopes(['patient/*.read', 'openid', 'system/*.read'], clientScopes, 'provider')).toEqual([
      'patient/*.read',
      'openid',
    ]);
  });

  it("uses the client's scopes when none are requested", () => {
    expect(grantedScopes(undefined, clientScopes, 'staff')).toEqual(clientScopes);
  });

  it('drops user/* scopes for patients and representatives', () => {
    expect(grantedScopes(undefined, clientScopes, 'patient')).toEqual(['openid', 'fhirUser', 'patient/*.read']);
    expect(grantedScopes(['user/*.read'], clientScopes, 'authorized-representative')).toEqual([]);
  });

  it('matches whole strings only: a wildcard scope does not cover a narrower one', () => {
    expect(grantedScopes(['user/Patient.read'], clientScopes, 'provider')).toEqual([]);
  });

  it('grants a repeated scope once', () => {
    expect(grantedScopes(['openid', 'openid'], clientScopes, 'provider')).toEqual(['openid']);
  });
});
