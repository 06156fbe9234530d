import { FhirError } from '@connector/fhir-outcomes';
import { FhirHttpError } from '../http/fhir-http.error';
import type { AccessTokenClaims } from './access-token-claims';
import { accessContextOf, patientUserContextOf } from './access-context.util';

const claims = (extra: Record<string, unknown>): AccessTokenClaims => ({ exp: 2_000_000_000, ...extra });
const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';

function refusal(run: () => unknown): FhirHttpError {
  try {
    run();
  } catch (error) {
    if (error instanceof FhirHttpError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('patientUserContextOf', () => {
  it('is undefined for a provider token, even with a launch patient', () => {
    expect(patientUserContextOf(claims({ role: 'provider' }))).toBeUndefined();
    expect(patientUserContextOf(claims({ role: 'provider', patient: 'a' }))).toBeUndefined();
  });

  it('takes the patients claim of a representative, or the patient claim of a patient', () => {
    expect(patientUserContextOf(claims({ role: 'authorized-representative', patients: ['a', 'b'] }))).toEqual([
      'a',
      'b',
    ]);
    expect(patientUserContextOf(claims({ role: 'patient', patient: 'a' }))).toEqual(['a']);
  });

  it('gives a patient token without linked patients an empty context, not an unrestricted one', () => {
    expect(patientUserContextOf(claims({ role: 'patient' }))).toEqual([]);
    expect(patientUserContextOf(claims({ role: 'authorized-representative' }))).toEqual([]);
  });
});

describe('accessContextOf', () => {
  it('gives full access to a token whose scopes grant every type (provider, service app)', () => {
    expect(accessContextOf(claims({ role: 'provider', scope: 'user/*.read' }), 'Observation', 'read')).toEqual({});
    expect(accessContextOf(claims({ scope: 'system/*.rs' }), 'Observation', 'search')).toEqual({});
  });

  it("bounds a patient user's token to its patients' compartments", () => {
    const representative = claims({ role: 'authorized-representative', patients: ['a', 'b'], scope: 'patient/*.read' });
    expect(accessContextOf(representative, 'Observation', 'search')).toEqual({ patients: ['a', 'b'] });
    expect(accessContextOf(claims({ role: 'patient', scope: 'patient/*.rs' }), 'Patient', 'read')).toEqual({
      patients: [],
    });
  });

  it("bounds a provider's patient/ scopes to the launch patient, but not its user/ scopes", () => {
    const launched = claims({ role: 'provider', patient: 'p1', scope: 'launch/patient patient/*.rs' });
    expect(accessContextOf(launched, 'Observation', 'search')).toEqual({ patients: ['p1'] });
    const both = claims({ role: 'provider', patient: 'p1', scope: 'patient/*.read user/*.read' });
    expect(accessContextOf(both, 'Observation', 'search')).toEqual({});
  });

  it('carries the granted types and granular constraints', () => {
    const granular = claims({ scope: `user/Patient.rs user/Observation.rs?category=${LAB}` });
    expect(accessContextOf(granular, 'Observation', 'search')).toEqual({
      resourceTypes: ['Observation', 'Patient'],
      constraints: [{ resourceType: 'Observation', params: [['category', LAB]] }],
    });
  });

  it('refuses a type the scopes do not grant with 403 and an insufficient_scope challenge', () => {
    const error = refusal(() =>
      accessContextOf(claims({ role: 'provider', scope: 'user/Patient.read' }), 'Observation', 'read'),
    );
    expect(error).toBeInstanceOf(FhirError);
    expect(error.status).toBe(403);
    expect(error.outcome.issue[0]).toMatchObject({ code: 'forbidden' });
    expect(error.headers['www-authenticate']).toBe(
      'Bearer realm="connector", error="insufficient_scope", ' +
        'error_description="This access token does not grant read access to Observation resources", ' +
        'scope="user/Observation.r"',
    );
  });

  it('judges read and search by their own permission letters', () => {
    const readOnly = claims({ scope: 'system/Patient.r' });
    expect(accessContextOf(readOnly, 'Patient', 'read')).toEqual({ resourceTypes: ['Patient'] });
    expect(refusal(() => accessContextOf(readOnly, 'Patient', 'search')).headers['www-authenticate']).toContain(
      'scope="system/Patient.s"',
    );
  });

  it('names a patient/ scope in the challenge to a patient user', () => {
    const patient = claims({ role: 'patient', patient: 'a', scope: 'openid patient/Patient.rs' });
    expect(refusal(() => accessContextOf(patient, 'Claim', 'search')).headers['www-authenticate']).toContain(
      'scope="patient/Claim.s"',
    );
  });

  it('refuses everything to a token without a resource scope, or without any scope', () => {
    expect(refusal(() => accessContextOf(claims({ scope: 'openid fhirUser' }), 'Patient', 'read')).status).toBe(403);
    expect(refusal(() => accessContextOf(claims({}), 'Patient', 'read')).status).toBe(403);
    expect(refusal(() => accessContextOf(undefined, 'Patient', 'read')).status).toBe(403);
  });

  it('never honours write-only scopes for a read', () => {
    expect(refusal(() => accessContextOf(claims({ scope: 'user/*.write' }), 'Patient', 'read')).status).toBe(403);
  });

  it('works a token out once per interaction, and hands out a context no caller can change', () => {
    const token = claims({ role: 'patient', patient: 'a', scope: 'patient/Observation.rs patient/Patient.r' });
    const first = accessContextOf(token, 'Observation', 'search');
    expect(accessContextOf(token, 'Observation', 'search')).toBe(first);
    expect(() => (first.patients as string[]).push('b')).toThrow(TypeError);
    expect(accessContextOf(token, 'Patient', 'read')).toEqual({
      resourceTypes: ['Observation', 'Patient'],
      patients: ['a'],
    });
    expect(refusal(() => accessContextOf(token, 'Patient', 'search')).status).toBe(403);
  });
});
