/** Milliseconds since the epoch; injected so that token expiry and cache ages can be tested without waiting. */
export type Clock = () => number;

/** Nest injection token of the gateway's {@link Clock} (Date.now in production). */
export const CLOCK = Symbol('CLOCK');
