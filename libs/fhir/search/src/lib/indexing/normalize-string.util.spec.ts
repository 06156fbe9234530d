import { normalizeString } from './normalize-string.util';

describe(normalizeString.name, () => {
  it('lower-cases and strips accents so search is case- and accent-insensitive', () => {
    expect(normalizeString('Müller')).toBe('muller');
    expect(normalizeString('ÉLODIE Núñez')).toBe('elodie nunez');
  });

  it('leaves plain text alone apart from case', () => {
    expect(normalizeString('Peter James')).toBe('peter james');
  });
});
