import { parseConfig } from '@connector/shared-config';
import { LOGIN_THROTTLE_MAX_TRACKED_KEYS, LoginThrottleService } from './login-throttle.service';

const PER_USER = 3;
const PER_IP = 5;
const WINDOW_SECONDS = 60;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

describe(LoginThrottleService.name, () => {
  let now: number;
  let throttle: LoginThrottleService;

  /** Moves the fake clock to `seconds` after T0. */
  function at(seconds: number): void {
    now = T0 + seconds * 1000;
  }

  function fail(times: number, username: string, ip: string | undefined): void {
    for (let attempt = 0; attempt < times; attempt++) {
      throttle.recordFailure(username, ip);
    }
  }

  beforeEach(() => {
    now = T0;
    const config = parseConfig({
      LOGIN_MAX_FAILURES_PER_USER: String(PER_USER),
      LOGIN_MAX_FAILURES_PER_IP: String(PER_IP),
      LOGIN_THROTTLE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    });
    throttle = new LoginThrottleService(config, () => now);
  });

  describe('retryAfterSeconds', () => {
    it('allows a username and IP with no failures', () => {
      expect(throttle.retryAfterSeconds('alice', '10.0.0.1')).toBeUndefined();
    });

    it('allows a username below its limit', () => {
      fail(PER_USER - 1, 'alice', '10.0.0.1');

      expect(throttle.retryAfterSeconds('alice', '10.0.0.1')).toBeUndefined();
    });

    it('blocks a username at its limit until its oldest counted failure leaves the window', () => {
      at(0);
      throttle.recordFailure('alice', '10.0.0.1');
      at(10);
      throttle.recordFailure('alice', '10.0.0.1');
      at(20);
      throttle.recordFailure('alice', '10.0.0.1');

      // The failure at 0 s counts until 60 s.
      expect(throttle.retryAfterSeconds('alice', '10.0.0.1')).toBe(40);
      at(59);
      expect(throttle.retryAfterSeconds('alice', '10.0.0.1')).toBe(1);
    });

    it('rounds a partial second up, so a client that waits Retry-After is never still blocked', () => {
      fail(PER_USER, 'alice', '10.0.0.1');
      at(20.5);
      expect(throttle.retryAfterSeconds('alice', '10.0.0.1')).toBe(40);
      at(59.999);
      expect(throttle.retryAfterSeconds('alice', '10.0.0.1')).toBe(1);
    });

    it('slides: the block lifts when the oldest failure leaves and returns with the next failure', () => {
      at(0);
      throttle.recordFailure('alice', '10.0.0.1');
      at(10);
      fail(PER_USER - 1, 'alice', '10.0.0.1');

      at(WINDOW_SECONDS);
      expect(throttle.retryAfterSeconds('alice', '10.0.0.1')).toBeUndefined();

      throttle.recordFailure('alice', '10.0.0.1');
      // Counted now: two at 10 s and one at 60 s; the block lifts when the ones at 10 s leave, at 70 s.
      expect(throttle.retryAfterSeconds('alice', '10.0.0.1')).toBe(10);
      at(70);
      expect(throttle.retryAfterSeconds('alice', '10.0.0.1')).toBeUndefined();
    });

    it('waits for the oldest of the newest failures when more than the limit were recorded', () => {
      for (const second of [0, 1, 2, 3, 4]) {
        at(second);
        throttle.recordFailure('alice', undefined);
      }

      // Failures at 0, 1, 2, 3, 4 s with a limit of 3: below the limit again only once 2 s has left, at 62 s.
      expect(throttle.retryAfterSeconds('alice', undefined)).toBe(58);
      at(61);
      expect(throttle.retryAfterSeconds('alice', undefined)).toBe(1);
      at(62);
      expect(throttle.retryAfterSeconds('alice', undefined)).toBeUndefined();
    });

    it('blocks a username from every IP, and leaves other usernames on its IP alone', () => {
      fail(PER_USER, 'alice', '10.0.0.1');

      expect(throttle.retryAfterSeconds('alice', '10.0.0.2')).toBe(WINDOW_SECONDS);
      expect(throttle.retryAfterSeconds('bob', '10.0.0.1')).toBeUndefined();
    });

    it('blocks an IP that failed for many usernames, for every username, and leaves other IPs alone', () => {
      for (const username of ['u1', 'u2', 'u3', 'u4', 'u5']) {
        throttle.recordFailure(username, '10.0.0.1');
      }

      expect(throttle.retryAfterSeconds('somebody-else', '10.0.0.1')).toBe(WINDOW_SECONDS);
      expect(throttle.retryAfterSeconds('u1', '10.0.0.2')).toBeUndefined();
    });

    it('answers the longer wait when both the username and the IP are blocked', () => {
      at(0);
      for (const username of ['u1', 'u2', 'u3', 'u4']) {
        throttle.recordFailure(username, '10.0.0.1');
      }
      at(30);
      fail(PER_USER, 'alice', '10.0.0.1');

      // IP: 4 failures at 0 s and 3 at 30 s, under 5 once those at 0 s leave (60 s); alice: from 30 s to 90 s.
      expect(throttle.retryAfterSeconds('alice', '10.0.0.1')).toBe(60);
      expect(throttle.retryAfterSeconds('bob', '10.0.0.1')).toBe(30);
    });

    it('counts only the username when the IP is unknown', () => {
      fail(PER_IP, 'alice', undefined);

      expect(throttle.retryAfterSeconds('bob', '10.0.0.1')).toBeUndefined();
      expect(throttle.retryAfterSeconds('alice', undefined)).toBe(WINDOW_SECONDS);
    });

    it('uses the configured defaults: 5 per user, 20 per IP, 300 s', () => {
      throttle = new LoginThrottleService(parseConfig({}), () => now);
      fail(4, 'alice', '10.0.0.1');
      expect(throttle.retryAfterSeconds('alice', '10.0.0.1')).toBeUndefined();
      throttle.recordFailure('alice', '10.0.0.1');
      expect(throttle.retryAfterSeconds('alice', '10.0.0.1')).toBe(300);

      for (let user = 0; user < 14; user++) {
        throttle.recordFailure(`user-${user}`, '10.0.0.1');
      }
      expect(throttle.retryAfterSeconds('bob', '10.0.0.1')).toBeUndefined();
      throttle.recordFailure('carol', '10.0.0.1');
      expect(throttle.retryAfterSeconds('bob', '10.0.0.1')).toBe(300);
    });
  });

  describe('recordSuccess', () => {
    it("clears the username's failures", () => {
      fail(PER_USER - 1, 'alice', '10.0.0.1');
      throttle.recordSuccess('alice', '10.0.0.1');
      fail(PER_USER - 1, 'alice', '10.0.0.1');

      expect(throttle.retryAfterSeconds('alice', '10.0.0.1')).toBeUndefined();
    });

    it("keeps the IP's failures, so logging into an own account does not reset an IP's guessing count", () => {
      for (const username of ['u1', 'u2', 'u3', 'u4']) {
        throttle.recordFailure(username, '10.0.0.1');
      }
      throttle.recordSuccess('mallory', '10.0.0.1');
      throttle.recordFailure('u5', '10.0.0.1');

      expect(throttle.retryAfterSeconds('mallory', '10.0.0.1')).toBe(WINDOW_SECONDS);
    });

    it("does not touch other usernames' failures", () => {
      fail(PER_USER, 'alice', undefined);
      throttle.recordSuccess('bob', undefined);

      expect(throttle.retryAfterSeconds('alice', undefined)).toBe(WINDOW_SECONDS);
    });
  });

  describe('memory', () => {
    it('forgets usernames and IPs whose failures have all left the window', () => {
      throttle.recordFailure('alice', '10.0.0.1');
      at(30);
      throttle.recordFailure('bob', '10.0.0.2');
      expect(throttle.trackedKeys()).toEqual({ users: 2, ips: 2 });

      at(WINDOW_SECONDS);
      expect(throttle.trackedKeys()).toEqual({ users: 1, ips: 1 });
      at(30 + WINDOW_SECONDS);
      expect(throttle.trackedKeys()).toEqual({ users: 0, ips: 0 });
    });

    it('tracks at most the cap of usernames, forgetting the one whose latest failure is oldest', () => {
      fail(PER_USER - 1, 'alice', undefined);
      fail(PER_USER - 1, 'bob', undefined);
      throttle.recordFailure('alice', undefined); // alice is blocked now, and bob's latest failure is the oldest

      for (let user = 0; user < LOGIN_THROTTLE_MAX_TRACKED_KEYS - 1; user++) {
        throttle.recordFailure(`flood-${user}`, undefined);
      }

      expect(throttle.trackedKeys().users).toBe(LOGIN_THROTTLE_MAX_TRACKED_KEYS);
      expect(throttle.retryAfterSeconds('alice', undefined)).toBe(WINDOW_SECONDS);
      // bob's two failures were forgotten: one more is his first, not his third.
      throttle.recordFailure('bob', undefined);
      expect(throttle.retryAfterSeconds('bob', undefined)).toBeUndefined();
    });

    it('tracks at most the cap of IPs', () => {
      for (let ip = 0; ip <= LOGIN_THROTTLE_MAX_TRACKED_KEYS; ip++) {
        throttle.recordFailure('alice', `ip-${ip}`);
      }

      expect(throttle.trackedKeys()).toEqual({ users: 1, ips: LOGIN_THROTTLE_MAX_TRACKED_KEYS });
    });

    it('counts an over-long username by its first 256 characters', () => {
      const long = 'a'.repeat(256);
      throttle.recordFailure(`${long}1`, undefined);
      throttle.recordFailure(`${long}2`, undefined);
      throttle.recordFailure(`${long}3`, undefined);

      expect(throttle.trackedKeys().users).toBe(1);
      expect(throttle.retryAfterSeconds(`${long}4`, undefined)).toBe(WINDOW_SECONDS);
    });
  });
});
