import { FhirError } from '@connector/fhir-outcomes';
import type { AccessTokenClaims } from './access-token-claims';
import { assertPatientContextAllows, assertPatientContextAllowsSearch, patientContextOf } from './patient-context.util';

const claims = (extra: Record<string, unknown>): AccessTokenClaims => ({ exp: 2_000_000_000, ...extra });

function refusal(run: () => void): FhirError {
  try {
    run();
  } catch (error) {
    if (error instanceof FhirError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

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

describe('assertPatientContextAllows', () => {
  it('lets a provider read anything', () => {
    expect(() => assertPatientContextAllows(claims({ role: 'provider' }), 'Observation', 'x')).not.toThrow();
  });

  it('lets a patient read their own Patient resource', () => {
    expect(() => assertPatientContextAllows(claims({ role: 'patient', patient: 'p1' }), 'Patient', 'p1')).not.toThrow();
  });

  it("refuses another patient's record with 403", () => {
    const error = refusal(() =>
      assertPatientContextAllows(claims({ role: 'patient', patient: 'p1' }), 'Patient', 'p2'),
    );
    expect(error.status).toBe(403);
    expect(error.outcome.issue[0]?.details?.text).toContain('Patient/p2');
  });

  it('refuses other resource types to a patient-context token until compartment filtering exists', () => {
    const error = refusal(() =>
      assertPatientContextAllows(claims({ role: 'patient', patient: 'p1' }), 'Observation', 'o1'),
    );
    expect(error.status).toBe(403);
  });
});

describe('assertPatientContextAllowsSearch', () => {
  it('lets a provider search', () => {
    expect(() => assertPatientContextAllowsSearch(claims({ role: 'provider' }), 'Observation')).not.toThrow();
  });

  it.each([
    ['a patient', { role: 'patient', patient: 'p1' }],
    ['a representative', { role: 'authorized-representative', patients: ['p1', 'p2'] }],
    ['a patient without linked patients', { role: 'patient' }],
  ])('refuses %s with 403, even for Patient, until compartment filtering exists', (_label, extra) => {
    const error = refusal(() => assertPatientContextAllowsSearch(claims(extra), 'Patient'));
    expect(error.status).toBe(403);
    expect(error.outcome.issue[0]?.details?.text).toContain('Patient');
  });
});
