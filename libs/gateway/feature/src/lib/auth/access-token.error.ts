/** Why a request's access token was refused; mapped to HTTP by {@link accessTokenFailure} alone. */
export type AccessTokenProblem = 'missing' | 'expired' | 'invalid';

/** A domain error of the bearer-token check: carries the reason, not an HTTP answer. */
export class AccessTokenError extends Error {
  constructor(readonly problem: AccessTokenProblem) {
    super(`Access token ${problem}`);
    this.name = 'AccessTokenError';
  }
}
