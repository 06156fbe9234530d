// The package ships no types and an ambient declaration cannot be imported: builds that start from one entry file
// (the apps, the CLI) find it only through this reference.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./ucum-lhc.d.ts" />
import { UcumLhcUtils } from '@lhncbc/ucum-lhc';

/** The code system of UCUM units. See https://hl7.org/fhir/R4/datatypes.html#Quantity */
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

/**
 * A UCUM unit's canonical form: the product of base units it is commensurable with (`mg` and `kg` → `g`,
 * `mg/dL` → `g.m-3`, `%` and `{score}` → `1`) and the conversion of a value into it.
 */
export interface UcumCanonicalForm {
  /** Base units with exponents, in ucum-lhc's fixed base order, `.`-joined; `1` when dimensionless. */
  readonly unit: string;
  /** Strictly increasing, so a search range [low, high) maps onto the canonical range [f(low), f(high)). */
  toCanonical(value: number): number;
}

const ucum = UcumLhcUtils.getInstance();

/**
 * Canonical values keep 12 significant digits: a conversion factor multiplies in a few ulps of noise
 * (5.45 mg → 0.005450000000000001 g), and the stored value and the search bound it is compared with must round
 * to the same double when they stand for the same decimal. No clinical quantity is written with more digits.
 */
const SIGNIFICANT_DIGITS = 12;

/** Unit strings come from queries too: remember at most this many, so odd input cannot grow the cache forever. */
const MAX_CACHED_UNITS = 10_000;
const cache = new Map<string, UcumCanonicalForm | null>();

const rounded = (value: number) => Number(value.toPrecision(SIGNIFICANT_DIGITS));

function unitString(unitToExp: Readonly<Record<string, number>>): string {
  const parts = Object.entries(unitToExp).map(([unit, exponent]) => (exponent === 1 ? unit : `${unit}${exponent}`));
  return parts.length === 0 ? '1' : parts.join('.');
}

/**
 * Ratio units convert by a factor. Of the special (non-ratio) units only the temperature scales (Cel, [degF],
 * [degRe] → K) are kept: they are affine with a positive slope, so order and ranges survive conversion. The others
 * ([pH] decreasing, dB/B/Np logarithmic, prism diopters, homeopathic potencies) would turn `gt` into `lt` or
 * compare logarithms with ratios, so such quantities keep exact unit matching. Arbitrary units ([IU]) have no
 * canonical form at all (ucum-lhc refuses them).
 */
function buildForm(code: string): UcumCanonicalForm | null {
  const base = ucum.convertToBaseUnits(code, 1);
  if (base.status !== 'succeeded' || base.unitToExp === undefined || typeof base.magnitude !== 'number') {
    return null;
  }
  const unit = unitString(base.unitToExp);
  if (!base.fromUnitIsSpecial) {
    const factor = base.magnitude;
    return { unit, toCanonical: (value) => rounded(value * factor) };
  }
  if (unit !== 'K') {
    return null;
  }
  return { unit, toCanonical: (value) => rounded(ucum.convertToBaseUnits(code, value).magnitude ?? Number.NaN) };
}

/**
 * The canonical form of a UCUM unit code, or undefined when it has none that search may use (invalid code,
 * arbitrary or non-monotonic unit). Used by the indexer (canonical value of a stored quantity) and the query side
 * (canonical bounds of a search value) alike, so both convert the same way.
 * See https://hl7.org/fhir/R4/search.html#quantity and https://ucum.org/ucum#section-Semantics
 */
export function ucumCanonicalForm(code: string): UcumCanonicalForm | undefined {
  let form = cache.get(code);
  if (form === undefined) {
    form = buildForm(code);
    if (cache.size < MAX_CACHED_UNITS) {
      cache.set(code, form);
    }
  }
  return form ?? undefined;
}
