import { AccessTokenError } from './access-token.error';
import { bearerTokenOf } from './bearer-token.util';

const problemOf = (authorization: string | undefined): string => {
  try {
    return `token:${bearerTokenOf(authorization)}`;
  } catch (error) {
    return error instanceof AccessTokenError ? error.problem : 'other';
  }
};

describe('bearerTokenOf', () => {
  it.each([
    ['Bearer abc.def-_~+/=', 'token:abc.def-_~+/='],
    ['bearer abc', 'token:abc'],
    [undefined, 'missing'],
    ['Basic dXNlcjpwYXNz', 'missing'],
    ['Bearerabc', 'missing'],
    ['Bearer', 'invalid'],
    ['Bearer ', 'invalid'],
    ['Bearer a b', 'invalid'],
    ['Bearer a,b', 'invalid'],
  ])('reads %j as %s', (header, expected) => {
    expect(problemOf(header)).toBe(expected);
  });
});
