import { FhirError } from '@connector/fhir-outcomes';
import { parse } from './search-query.test-util';

// Seeded random inputs (fast-check is not installed): whatever the query, the parser returns or throws a 400.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['name', 'given:exact', 'birthdate', 'gender:not', 'identifier:of-type', 'general-practitioner', 'general-practitioner:Practitioner.name',
  '_has:Observation:patient:code', '_has:Observation:patient:value-quantity', 'Patient', '_count', '_sort', '_include', '_revinclude:iterate',
  '_total', '_summary', '_elements', '_id', '_lastUpdated', '_tag:text', '_profile:below', 'organization:identifier', 'x', 'name:', ':', '_has:', '.', 'a.b.c'];
const ATOMS = ['2020', '-13', '-01', 'T10:00', ':00', 'Z', '+01:00', 'ge', 'ap', '|', ',', '$', '\\', '5.4', 'e', '-', 'Patient/', '1', 'abc',
  'http://x/', 'Practitioner:', '*', ':', '.', ' ', 'é', '%', 'Observation:patient'];

describe('parseSearchQuery (random inputs)', () => {
  it('never throws anything but a 400 FhirError', () => {
    const next = random(20240601);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    for (let run = 0; run < 3000; run++) {
      const params = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
        const value = Array.from({ length: Math.floor(next() * 6) }, () => pick(ATOMS)).join('');
        return `${pick(NAMES)}=${value}`;
      });
      try {
        parse('Patient', params.join('&'), next() < 0.5);
      } catch (error) {
        if (!(error instanceof FhirError) || error.status !== 400) {
          throw new Error(`Patient?${params.join('&')} threw ${String(error)}`);
        }
      }
    }
  });
});
