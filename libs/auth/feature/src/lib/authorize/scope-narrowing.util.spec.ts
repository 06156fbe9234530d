import { isR4ResourceType } from '@connector/fhir-types';
import { RECORD_CATEGORIES } from './record-categories.constants';
import { categoryChoiceValue, narrowedScopes, offersCategories } from './scope-narrowing.util';

describe('narrowedScopes', () => {
  const withhold = (scope: string, ...ids: string[]) => new Set(ids.map((id) => categoryChoiceValue(scope, id)));

  it('keeps every scope as it is when nothing is withheld', () => {
    const scopes = ['openid', 'patient/*.rs', 'user/Observation.rs?category=laboratory'];
    expect(narrowedScopes(scopes, new Set())).toEqual(scopes);
  });

  it('replaces a wildcard by the types of the categories kept, in the same syntax', () => {
    const allButTwo = RECORD_CATEGORIES.map((category) => category.id).filter(
      (id) => !['allergies', 'billing'].includes(id),
    );
    const v2 = narrowedScopes(['patient/*.rs'], withhold('patient/*.rs', ...allButTwo));
    expect(v2.sort()).toEqual(
      [
        'patient/AllergyIntolerance.rs',
        ...['Coverage', 'Claim', 'ClaimResponse', 'ExplanationOfBenefit', 'Account', 'Invoice'].map(
          (type) => `patient/${type}.rs`,
        ),
      ].sort(),
    );

    const v1 = narrowedScopes(['user/*.read'], withhold('user/*.read', ...allButTwo));
    expect(v1).toContain('user/AllergyIntolerance.read');
    expect(v1).not.toContain('user/*.read');
  });

  it('drops a wildcard when every category is withheld, and leaves the other wildcard alone', () => {
    const all = RECORD_CATEGORIES.map((category) => category.id);
    expect(narrowedScopes(['patient/*.rs', 'user/*.rs'], withhold('patient/*.rs', ...all))).toEqual(['user/*.rs']);
  });

  it('ignores withheld categories of scopes that were not offered any', () => {
    expect(narrowedScopes(['patient/Observation.rs'], withhold('patient/Observation.rs', 'results'))).toEqual([
      'patient/Observation.rs',
    ]);
  });
});

describe('offersCategories', () => {
  it.each([
    ['patient/*.rs', true],
    ['user/*.read', true],
    ['patient/Observation.rs', false],
    ['openid', false],
    ['not a scope', false],
  ])('%s → %s', (scope, expected) => {
    expect(offersCategories(scope)).toBe(expected);
  });
});

describe('RECORD_CATEGORIES', () => {
  it('names only R4 resource types, each in one category, under unique ids', () => {
    const types = RECORD_CATEGORIES.flatMap((category) => category.types);
    expect(types.filter((type) => !isR4ResourceType(type))).toEqual([]);
    expect(new Set(types).size).toBe(types.length);
    expect(new Set(RECORD_CATEGORIES.map((category) => category.id)).size).toBe(RECORD_CATEGORIES.length);
  });
});
