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
});
