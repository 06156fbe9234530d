import { FhirError } from '@connector/fhir-outcomes';
import fc from 'fast-check';
import { splitUnescaped, unescapeSearchValue } from './escape.util';
import { testLookup } from './search-parameters.fixture';
import { parseSearchQuery } from './search-query.parser';
import { TEST_BASE_URL } from './search-query.test-util';
import type { SearchRequest } from './search-request.types';

/*
 * Escaping round trips (https://hl7.org/fhir/R4/search.html#escaping): whatever a client escapes with `\,` `\|` `\$`
 * and `\\` comes back unchanged, however the value is then split on `,`, `|` or `$`.
 */

/** The client side of the spec's escaping, written here rather than taken from the code under test. */
const escape = (text: string) => text.replace(/[\\,|$]/g, (char) => `\\${char}`);

/** Strings rich in the characters escaping is about (and any others). */
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\\', ',', '|', '$', 'a', ' '),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 10,
});
const nonEmptyText = text.filter((value) => value !== '');

const parse = (resourceType: string, name: string, value: string): SearchRequest =>
  parseSearchQuery({ resourceType, params: [[name, value]], lookup: testLookup, baseUrl: TEST_BASE_URL });
const conditionOf = (request: SearchRequest) => (request.filters[0] as { condition: unknown }).condition;

describe(splitUnescaped.name, () => {
  it.each([',', '|', '$'] as const)('splits escaped pieces joined by "%s" back into the pieces', (separator) => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (pieces) => {
        const joined = pieces.map(escape).join(separator);
        expect(splitUnescaped(joined, separator).map(unescapeSearchValue)).toEqual(pieces);
      }),
    );
  });
});

describe(parseSearchQuery.name, () => {
  it('reads an escaped token system|code back as the same system and code (|code: no system; system|: any code)', () => {
    fc.assert(
      fc.property(text, text, (system, code) => {
        fc.pre(system !== '' || code !== '');
        expect(conditionOf(parse('Patient', 'identifier', `${escape(system)}|${escape(code)}`))).toEqual({
          type: 'token',
          modifier: 'none',
          values: [{ type: 'token', system: system === '' ? null : system, ...(code === '' ? {} : { code }) }],
        });
      }),
    );
  });

  it('reads each escaped comma-separated value as one OR value, in order', () => {
    fc.assert(
      fc.property(fc.array(nonEmptyText, { minLength: 1, maxLength: 4 }), (values) => {
        expect(conditionOf(parse('Patient', 'name:exact', values.map(escape).join(',')))).toEqual({
          type: 'string',
          match: 'exact',
          values: values.map((value) => ({ type: 'text', text: value })),
        });
      }),
    );
  });

  it('reads escaped token parts of a composite value (split on $ first, then |)', () => {
    fc.assert(
      fc.property(nonEmptyText, nonEmptyText, fc.integer({ min: 0, max: 999 }), (system, code, amount) => {
        const value = `${escape(system)}|${escape(code)}$${amount}`;
        expect(conditionOf(parse('Observation', 'code-value-quantity', value))).toMatchObject({
          type: 'composite',
          values: [
            {
              components: [
                { code: 'code', value: { type: 'token', system, code } },
                { code: 'value-quantity', value: { value: amount } },
              ],
            },
          ],
        });
      }),
    );
  });

  it('rejects a token with an unescaped second | as a 400 naming the parameter', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 3, maxLength: 4 }), (parts) => {
        const rejection = (() => {
          try {
            parse('Patient', 'identifier', parts.map(escape).join('|'));
          } catch (error) {
            return error;
          }
          return undefined;
        })();
        expect(rejection).toBeInstanceOf(FhirError);
        expect((rejection as FhirError).status).toBe(400);
        expect((rejection as FhirError).outcome.issue[0].details?.text).toContain('"identifier"');
      }),
    );
  });
});
