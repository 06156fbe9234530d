import type { Bundle } from 'fhir/r4';
import type { Response } from 'supertest';
import { xmlToJson } from '@connector/fhir-serializers';
import { forbiddenIdsInEntries, leaksInBundle } from './leak-check';
import type { LeakCase, LeakExpectation } from './leak-cases';
import { pathOf } from './embedded-e2e';

/*
 * Runs one row of the leak table and asserts its answer: every Bundle seen (each page too) is checked for leaks
 * first, then held against the row's expectation. Failures name the URL.
 */

export interface LeakAnswerOptions {
  /** GET `url` (path and query) with a bearer token. */
  readonly get: (url: string, token: string) => PromiseLike<Response>;
  /** `Type/id` of everything the token must never see. */
  readonly forbidden: ReadonlySet<string>;
  /** Ids searched for in the raw entries (see {@link forbiddenIdsInEntries}). */
  readonly forbiddenIds: readonly string[];
}

/** The path and query of an absolute link, to request it from the in-memory server. */
const linkPath = (bundle: Bundle, relation: 'next' | 'previous'): string | undefined => {
  const url = bundle.link?.find((link) => link.relation === relation)?.url;
  return url === undefined ? undefined : pathOf(url);
};
const entriesOf = (bundle: Bundle, mode: 'match' | 'include'): string[] =>
  (bundle.entry ?? [])
    .filter((entry) => entry.search?.mode === mode)
    .map((entry) => `${entry.resource?.resourceType}/${entry.resource?.id}`);
const sorted = (values: Iterable<string>): string[] => [...values].sort();
const isXml = (response: Response): boolean => /xml/.test(String(response.headers['content-type'] ?? ''));

export class LeakAnswerChecker {
  constructor(private readonly options: LeakAnswerOptions) {}

  /** Requests `base/path` of the row with `token` and asserts the answer. */
  async expectCase(leakCase: LeakCase, token: string, base: string): Promise<void> {
    const url = `${base}/${leakCase.path}`;
    const response = await this.options.get(url, token);
    await this.expectAnswer(leakCase.expect, response, url, token);
  }

  /** A response body as a Bundle (JSON or XML), after checking that it holds nothing forbidden. */
  leakFreeBundle(response: Response, url: string): Bundle {
    const xml = isXml(response);
    const bundle = JSON.parse(xml ? xmlToJson(response.text) : response.text) as Bundle;
    expect({ url, leaks: leaksInBundle(bundle, this.options.forbidden) }).toEqual({ url, leaks: [] });
    const ids = forbiddenIdsInEntries(xml ? response.text : bundle, this.options.forbiddenIds);
    expect({ url, ids }).toEqual({ url, ids: [] });
    return bundle;
  }

  private async expectAnswer(expectation: LeakExpectation, response: Response, url: string, token: string) {
    if (expectation.kind === 'nothing' && response.status >= 400 && response.status < 500) {
      expect({ url, outcome: response.text.includes('OperationOutcome') }).toEqual({ url, outcome: true });
      return;
    }
    expect({ url, status: response.status }).toEqual({ url, status: 200 });
    const bundle = this.leakFreeBundle(response, url);
    expect(bundle.resourceType).toBe('Bundle');
    const match = sorted(entriesOf(bundle, 'match'));
    const include = sorted(entriesOf(bundle, 'include'));
    switch (expectation.kind) {
      case 'nothing':
        expect({ url, entries: [...match, ...include], total: bundle.total ?? 0 }).toEqual({
          url,
          entries: [],
          total: 0,
        });
        return;
      case 'total':
        expect({ url, total: bundle.total }).toEqual({ url, total: expectation.total });
        return;
      case 'exactly':
        expect({ url, match, include }).toEqual({
          url,
          match: sorted(expectation.match),
          include: sorted(new Set(expectation.include)),
        });
        return;
      case 'within':
        expect({ url, match }).toEqual({ url, match: sorted(expectation.match) });
        expect(include).toEqual(expect.arrayContaining([...expectation.includeAtLeast]));
        return;
      case 'pages':
        await this.expectPages(bundle, expectation.match, url, token);
        return;
    }
  }

  /** Follows every `next` link, then every `previous` link back: each page leak-free, together exactly `expected`. */
  private async expectPages(first: Bundle, expected: readonly string[], url: string, token: string): Promise<void> {
    const pages: string[][] = [entriesOf(first, 'match')];
    let bundle = first;
    for (let next = linkPath(first, 'next'); next !== undefined; next = linkPath(bundle, 'next')) {
      expect(pages.length).toBeLessThanOrEqual(expected.length + 1);
      const response = await this.options.get(next, token);
      expect({ url: next, status: response.status }).toEqual({ url: next, status: 200 });
      bundle = this.leakFreeBundle(response, next);
      pages.push(entriesOf(bundle, 'match'));
    }
    expect({ url, matches: sorted(pages.flat()) }).toEqual({ url, matches: sorted(expected) });
    const backward: string[][] = [];
    for (let previous = linkPath(bundle, 'previous'); previous !== undefined; previous = linkPath(bundle, 'previous')) {
      expect(backward.length).toBeLessThan(pages.length);
      const response = await this.options.get(previous, token);
      expect({ url: previous, status: response.status }).toEqual({ url: previous, status: 200 });
      bundle = this.leakFreeBundle(response, previous);
      backward.unshift(entriesOf(bundle, 'match'));
    }
    expect({ url, backward }).toEqual({ url, backward: pages.slice(0, -1) });
  }
}
