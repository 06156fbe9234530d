import { Inject, Injectable } from '@nestjs/common';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { AUTH_CLOCK, type AuthClock } from '../auth-clock';
import { SlidingFailureCounter } from './sliding-failure.counter';

/**
 * Most usernames and most IPs tracked at once, each. Beyond it the key whose latest failure is oldest is forgotten,
 * so a flood of invented usernames costs bounded memory; to flush a real user's counter that way an attacker would
 * need this many distinct failures within one window, which the per-IP limit stops unless they hold as many IPs.
 */
export const LOGIN_THROTTLE_MAX_TRACKED_KEYS = 10_000;

/**
 * Longest username and IP kept as a key. Real ones are far shorter (the user table holds 128 characters, an IPv6
 * text 45); the cap only stops a submitted megabyte-long "username" from being held in memory. Long values that
 * share this prefix share a counter, which can only throttle sooner.
 */
const MAX_KEY_LENGTH = 256;

/**
 * Brute-force protection for password logins: counts failed attempts per username and per client IP in a sliding
 * window and refuses further attempts (HTTP 429 with Retry-After) once either count reaches its limit.
 *
 * The counters live in memory, per process, on purpose: a login must not wait for a shared store, and a lost counter
 * (restart) only grants an attacker one more window. In distributed mode the NATS queue group spreads one user's
 * attempts over the auth service's instances, so with N instances an attacker gets at most N times the configured
 * attempts per window — still a handful of guesses per user, acceptable for throttling brute force (it is not a
 * lockout policy and does not claim to be one).
 */
@Injectable()
export class LoginThrottleService {
  private readonly byUser: SlidingFailureCounter;
  private readonly byIp: SlidingFailureCounter;

  constructor(
    @Inject(CONNECTOR_CONFIG) config: ConnectorConfig,
    @Inject(AUTH_CLOCK) private readonly now: AuthClock,
  ) {
    const windowMs = config.loginThrottleWindowSeconds * 1000;
    this.byUser = new SlidingFailureCounter(config.loginMaxFailuresPerUser, windowMs, LOGIN_THROTTLE_MAX_TRACKED_KEYS);
    this.byIp = new SlidingFailureCounter(config.loginMaxFailuresPerIp, windowMs, LOGIN_THROTTLE_MAX_TRACKED_KEYS);
  }

  /**
   * Undefined when a login attempt for this username from this IP may proceed; otherwise the whole seconds until
   * the oldest counted failure leaves the window (the Retry-After value, at least 1). When both the username and the
   * IP are blocked, the longer wait. Ask before checking the password, so a blocked attempt reveals nothing.
   * See https://www.rfc-editor.org/rfc/rfc6585#section-4
   */
  retryAfterSeconds(username: string, ip: string | undefined): number | undefined {
    const now = this.purged();
    const waits = [
      this.byUser.blockedForMs(keyOf(username), now),
      ip === undefined ? undefined : this.byIp.blockedForMs(keyOf(ip), now),
    ].filter((wait): wait is number => wait !== undefined);
    if (waits.length === 0) {
      return undefined;
    }
    return Math.max(1, Math.ceil(Math.max(...waits) / 1000));
  }

  /** Counts a failed login (wrong password or unknown username) against both the username and the IP. */
  recordFailure(username: string, ip: string | undefined): void {
    const now = this.purged();
    this.byUser.recordFailure(keyOf(username), now);
    if (ip !== undefined) {
      this.byIp.recordFailure(keyOf(ip), now);
    }
  }

  /**
   * Forgets the username's failures after a successful login. The IP's stay: one IP that guesses many accounts and
   * owns one of them must not be able to reset its count by logging into its own account in between.
   */
  recordSuccess(username: string, _ip: string | undefined): void {
    this.purged();
    this.byUser.clear(keyOf(username));
  }

  /** How many usernames and IPs currently have counted failures: bounded, for memory checks and metrics. */
  trackedKeys(): { readonly users: number; readonly ips: number } {
    this.purged();
    return { users: this.byUser.size, ips: this.byIp.size };
  }

  /** The current instant, after dropping keys whose failures have all left the window (keeps memory to live keys). */
  private purged(): number {
    const now = this.now();
    this.byUser.purgeExpired(now);
    this.byIp.purgeExpired(now);
    return now;
  }
}

function keyOf(usernameOrIp: string): string {
  return usernameOrIp.slice(0, MAX_KEY_LENGTH);
}
