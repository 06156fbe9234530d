/** Milliseconds since the epoch; injected so that throttle windows and audit instants can be tested without waiting. */
export type AuthClock = () => number;

/** Nest injection token of the auth service's {@link AuthClock} (Date.now in production). */
export const AUTH_CLOCK = Symbol('AUTH_CLOCK');
