import type { CapabilityParameter, UsCoreCapability } from './us-core-capability.util';

/*
 * The SHALL requirements of the CapabilityStatement as requirement keys, and the test cases that exercise them: one
 * case per SHALL combination and per SHALL parameter searched alone. A SHALL comparator or multipleOr of a parameter
 * that no such case contains rides on a "carrier": the smallest combination of any expectation that contains it
 * (US Core always pairs these with `patient`), else the parameter alone.
 */

/** One jest test: a combination of parameters ANDed, and the SHALL features to exercise within it. */
export interface ConformanceCase {
  readonly resourceType: string;
  readonly codes: readonly string[];
  /** Expectation of the combination itself (a carrier may be SHOULD). */
  readonly expectation: string;
  /** Parameter code → the SHALL comparators to try on it. */
  readonly comparators: ReadonlyMap<string, readonly string[]>;
  /** Parameters to search with comma-separated (ORed) values. */
  readonly multipleOr: readonly string[];
  /** Reference parameter code → the target parameters to chain (`practitioner.identifier`). */
  readonly chains: ReadonlyMap<string, readonly string[]>;
  readonly revincludes: readonly string[];
}

/** `Type?a&b`: how requirement keys and test names spell a combination. */
export function combinationKey(resourceType: string, codes: readonly string[]): string {
  return `${resourceType}?${codes.join('&')}`;
}

export const comparatorKey = (resourceType: string, code: string, comparator: string) =>
  `${resourceType}?${code}=${comparator}`;
export const multipleOrKey = (resourceType: string, code: string) => `${resourceType}?${code}=a,b`;
export const chainKey = (resourceType: string, code: string, chained: string) => `${resourceType}?${code}.${chained}`;
export const revincludeKey = (resourceType: string, revinclude: string) => `${resourceType}?_revinclude=${revinclude}`;
// No US Core 6.1.0 parameter has a SHALL multipleAnd or modifier, nor a resource a SHALL _include: their keys exist
// so that a CapabilityStatement that adds one fails the coverage test until the generator learns it.
const multipleAndKey = (resourceType: string, code: string) => `${resourceType}?${code}=a&${code}=b`;
const modifierKey = (resourceType: string, code: string, modifier: string) => `${resourceType}?${code}:${modifier}`;
const includeKey = (resourceType: string, include: string) => `${resourceType}?_include=${include}`;

/** Every SHALL search requirement of the CapabilityStatement, as the keys the suite must cover. */
export function requirementKeys(capability: UsCoreCapability): string[] {
  const keys = capability.combinations
    .filter((combination) => combination.expectation === 'SHALL')
    .map((combination) => combinationKey(combination.resourceType, combination.codes));
  for (const parameter of capability.parameters) {
    const { resourceType, code } = parameter;
    if (parameter.expectation === 'SHALL') {
      keys.push(combinationKey(resourceType, [code]));
    }
    keys.push(...parameter.shallComparators.map((comparator) => comparatorKey(resourceType, code, comparator)));
    if (parameter.shallMultipleOr) {
      keys.push(multipleOrKey(resourceType, code));
    }
    if (parameter.shallMultipleAnd) {
      keys.push(multipleAndKey(resourceType, code));
    }
    keys.push(...parameter.shallModifiers.map((modifier) => modifierKey(resourceType, code, modifier)));
    keys.push(...parameter.shallChains.map((chained) => chainKey(resourceType, code, chained)));
  }
  for (const [resourceType, includes] of capability.shallIncludes) {
    keys.push(...includes.map((include) => includeKey(resourceType, include)));
  }
  for (const [resourceType, revincludes] of capability.shallRevincludes) {
    keys.push(...revincludes.map((revinclude) => revincludeKey(resourceType, revinclude)));
  }
  return keys;
}

interface MutableCase {
  readonly resourceType: string;
  readonly codes: readonly string[];
  readonly expectation: string;
  readonly comparators: Map<string, string[]>;
  readonly multipleOr: string[];
  readonly chains: Map<string, string[]>;
  readonly revincludes: string[];
}

function newCase(resourceType: string, codes: readonly string[], expectation: string | undefined): MutableCase {
  return {
    resourceType,
    codes,
    expectation: expectation ?? 'unstated',
    comparators: new Map(),
    multipleOr: [],
    chains: new Map(),
    revincludes: [],
  };
}

/** The cases of the SHALL combinations and SHALL single parameters. */
function shallCases(capability: UsCoreCapability): MutableCase[] {
  return [
    ...capability.combinations
      .filter((combination) => combination.expectation === 'SHALL')
      .map((combination) => newCase(combination.resourceType, combination.codes, 'SHALL')),
    ...capability.parameters
      .filter((parameter) => parameter.expectation === 'SHALL')
      .map((parameter) => newCase(parameter.resourceType, [parameter.code], 'SHALL')),
  ];
}

/** The cases that contain `parameter`, adding a carrier case when none does. */
function casesWith(parameter: CapabilityParameter, cases: MutableCase[], capability: UsCoreCapability) {
  const { resourceType, code } = parameter;
  const containing = cases.filter((each) => each.resourceType === resourceType && each.codes.includes(code));
  if (containing.length > 0) {
    return containing;
  }
  const carrier = capability.combinations
    .filter((combination) => combination.resourceType === resourceType && combination.codes.includes(code))
    .sort((a, b) => a.codes.length - b.codes.length)[0];
  const added = newCase(resourceType, carrier?.codes ?? [code], carrier?.expectation ?? parameter.expectation);
  cases.push(added);
  return [added];
}

function attachFeatures(parameter: CapabilityParameter, cases: MutableCase[], capability: UsCoreCapability): void {
  const { shallComparators, shallMultipleOr, shallChains, code } = parameter;
  if (shallComparators.length === 0 && !shallMultipleOr && shallChains.length === 0) {
    return;
  }
  for (const each of casesWith(parameter, cases, capability)) {
    if (shallComparators.length > 0) {
      each.comparators.set(code, [...shallComparators]);
    }
    if (shallMultipleOr) {
      each.multipleOr.push(code);
    }
    if (shallChains.length > 0) {
      each.chains.set(code, [...shallChains]);
    }
  }
}

/** The test cases: every requirement key of {@link requirementKeys} is exercised by at least one of them. */
export function conformanceCases(capability: UsCoreCapability): ConformanceCase[] {
  const cases = shallCases(capability);
  for (const parameter of capability.parameters) {
    attachFeatures(parameter, cases, capability);
  }
  for (const [resourceType, revincludes] of capability.shallRevincludes) {
    const first = cases.find((each) => each.resourceType === resourceType);
    if (first === undefined) {
      throw new Error(`${resourceType} SHALL support _revinclude but has no SHALL search to carry it`);
    }
    first.revincludes.push(...revincludes);
  }
  return cases;
}
