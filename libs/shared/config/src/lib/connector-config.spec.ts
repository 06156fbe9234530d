import { ConfigError, parseConfig } from './connector-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    return error instanceof ConfigError ? error.problems : [];
  }
  return [];
}

describe(parseConfig.name, () => {
  describe('HTTP edge settings', () => {
    it('defaults to no proxy trust, any CORS origin and no TLS', () => {
      const config = parseConfig({});
      expect([config.trustProxy, config.corsOrigins, config.tls]).toEqual([false, '*', undefined]);
    });

    it('reads TRUST_PROXY, a CORS origin list and the TLS files', () => {
      const config = parseConfig({
        TRUST_PROXY: 'true',
        CORS_ORIGINS: 'https://app.example.org, http://localhost:3000',
        TLS_CERT: '/etc/tls/cert.pem',
        TLS_KEY: '/etc/tls/key.pem',
      });
      expect(config.trustProxy).toBe(true);
      expect(config.corsOrigins).toEqual(['https://app.example.org', 'http://localhost:3000']);
      expect(config.tls).toEqual({ certFile: '/etc/tls/cert.pem', keyFile: '/etc/tls/key.pem' });
    });

    it('lists every bad edge setting at once', () => {
      const problems = problemsOf({ TRUST_PROXY: 'yes', CORS_ORIGINS: 'https://a.example/path', TLS_CERT: 'c.pem' });
      expect([...new Set(problems.map((problem) => problem.split(':')[0]))].sort()).toEqual([
        'CORS_ORIGINS',
        'TLS_KEY',
        'TRUST_PROXY',
      ]);
    });
  });

  describe('login throttle settings', () => {
    it('defaults to 5 failures per user and 20 per IP in 300 s', () => {
      const config = parseConfig({});
      expect([config.loginMaxFailuresPerUser, config.loginMaxFailuresPerIp, config.loginThrottleWindowSeconds]).toEqual(
        [5, 20, 300],
      );
    });

    it('reads LOGIN_MAX_FAILURES_PER_USER, LOGIN_MAX_FAILURES_PER_IP and LOGIN_THROTTLE_WINDOW_SECONDS', () => {
      const config = parseConfig({
        LOGIN_MAX_FAILURES_PER_USER: '3',
        LOGIN_MAX_FAILURES_PER_IP: '50',
        LOGIN_THROTTLE_WINDOW_SECONDS: '900',
      });
      expect([config.loginMaxFailuresPerUser, config.loginMaxFailuresPerIp, config.loginThrottleWindowSeconds]).toEqual(
        [3, 50, 900],
      );
    });

    it('lists every bad throttle setting at once: zero, a fraction, a word', () => {
      const problems = problemsOf({
        LOGIN_MAX_FAILURES_PER_USER: '0',
        LOGIN_MAX_FAILURES_PER_IP: '2.5',
        LOGIN_THROTTLE_WINDOW_SECONDS: 'five minutes',
      });
      expect([...new Set(problems.map((problem) => problem.split(':')[0]))].sort()).toEqual([
        'LOGIN_MAX_FAILURES_PER_IP',
        'LOGIN_MAX_FAILURES_PER_USER',
        'LOGIN_THROTTLE_WINDOW_SECONDS',
      ]);
    });

    it('rejects a window longer than a day', () => {
      expect(problemsOf({ LOGIN_THROTTLE_WINDOW_SECONDS: '86401' })).toEqual([
        expect.stringMatching(/^LOGIN_THROTTLE_WINDOW_SECONDS:/),
      ]);
    });
  });
});
