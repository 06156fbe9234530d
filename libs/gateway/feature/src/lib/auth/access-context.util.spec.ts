import type { AccessTokenClaims } from './access-token-claims';
import { accessContextOf, patientContextOf } from './access-context.util';

const claims = (extra: Record<string, unknown>): AccessTokenClaims => ({ exp: 2_000_000_000, ...extra });

describe('patientContextOf', () => {
  it('is undefined for a provider token (no patient context)', () => {
    expect(patientContextOf(claims({ role: 'provider' }))).toBeUndefined();
  });

  it('takes the patients claim of a representative, or the patient claim of a patient', () => {
    expect(patientContextOf(claims({ role: 'authorized-representative', patients: ['a', 'b'] }))).toEqual(['a', 'b']);
    expect(patientContextOf(claims({ role: 'patient', patient: 'a' }))).toEqual(['a']);
  });

  it('gives a patient token without linked patients an empty context, not an unrestricted one', () => {
    expect(patientContextOf(claims({ role: 'patient' }))).toEqual([]);
  });
});

describe('accessContextOf', () => {
  it('gives full access to a token without patient context (provider, service app)', () => {
    expect(accessContextOf(claims({ role: 'provider' }))).toEqual({});
    expect(accessContextOf(undefined)).toEqual({});
  });

  it("bounds a patient-context token to its patients' compartments", () => {
    expect(accessContextOf(claims({ role: 'authorized-representative', patients: ['a', 'b'] }))).toEqual({
      patients: ['a', 'b'],
    });
    expect(accessContextOf(claims({ role: 'patient' }))).toEqual({ patients: [] });
  });
});
