import { prefersLenientHandling } from './prefer-header.util';

describe(prefersLenientHandling.name, () => {
  it.each([
    ['handling=lenient', true],
    ['Handling = Lenient', true],
    ['return=minimal, handling=lenient', true],
    ['respond-async; handling=lenient', true],
    [['return=minimal', 'handling=lenient'], true],
    ['handling=strict', false],
    ['handling=lenientish', false],
    ['', false],
    [undefined, false],
  ] as const)('reads %j as lenient: %s', (header, expected) => {
    expect(prefersLenientHandling(header as string | string[] | undefined)).toBe(expected);
  });
});
