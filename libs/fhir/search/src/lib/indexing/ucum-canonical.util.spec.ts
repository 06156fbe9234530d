import { ucumCanonicalForm } from './ucum-canonical.util';

// Expected conversions are the UCUM definitions written out by hand (https://ucum.org/ucum): 1 kg = 1000 g,
// 1 mg/dL = 10 g/m3, Cel = K - 273.15, [degF] = (F - 32) × 5/9 Cel.
const form = (code: string) => {
  const found = ucumCanonicalForm(code);
  if (found === undefined) {
    throw new Error(`no canonical form for ${code}`);
  }
  return found;
};

describe(ucumCanonicalForm.name, () => {
  it.each([
    ['mg', 5.4, 0.0054],
    ['kg', 72.5, 72_500],
    ['mg/dL', 180, 1800],
    ['g/L', 1.8, 1800],
    // UCUM's base mass unit is the gram: 1 mm[Hg] = 133.322 Pa = 133 322 g.m-1.s-2.
    ['mm[Hg]', 120, 120 * 133_322],
    ['%', 45, 0.45],
    ['{score}', 3, 3],
  ])('converts %p by its factor (%p → %p)', (code, value, canonical) => {
    expect(form(code).toCanonical(value)).toBeCloseTo(canonical, 9);
  });

  it('gives commensurable units the same canonical unit and others different ones', () => {
    expect(form('mg').unit).toBe(form('[lb_av]').unit);
    expect(form('mg/dL').unit).toBe(form('g/L').unit);
    expect(form('%').unit).toBe(form('1').unit);
    expect(form('/min').unit).toBe(form('{beats}/min').unit);
    expect(form('mg').unit).not.toBe(form('mL').unit);
    expect(form('mg/dL').unit).not.toBe(form('mg').unit);
  });

  it('rounds conversion noise away, so equal decimals in different units compare equal', () => {
    expect(form('mg').toCanonical(5.45)).toBe(form('g').toCanonical(0.00545));
    expect(form('10*3/uL').toCanonical(5.2)).toBe(form('10*6/mL').toCanonical(5.2));
  });

  it('converts the temperature scales (affine, increasing) to kelvin', () => {
    expect(form('Cel').unit).toBe(form('K').unit);
    expect(form('Cel').toCanonical(37)).toBeCloseTo(310.15, 9);
    expect(form('[degF]').toCanonical(98.6)).toBeCloseTo(((98.6 - 32) * 5) / 9 + 273.15, 9);
    expect(form('[degF]').toCanonical(98.6)).toBe(form('Cel').toCanonical(37));
  });

  it.each([
    ['[pH]', 'decreasing conversion'],
    ['dB', 'logarithmic'],
    ['[IU]/L', 'arbitrary unit'],
    ['IU/L', 'not valid UCUM (the code is [IU])'],
    ['(score)', 'not valid UCUM'],
    ['Cel/h', 'a special unit cannot be divided'],
  ])('has no canonical form for %p (%s)', (code) => {
    expect(ucumCanonicalForm(code)).toBeUndefined();
  });
});
