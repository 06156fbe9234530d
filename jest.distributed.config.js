const preset = require('./jest.preset.js');

/**
 * `npm run test:distributed`: the specs that need the machine's real NATS and PostgreSQL (`*.distributed.spec.ts`),
 * including the multi-process end-to-end suite. Run in band: they start OS processes and share the servers.
 */
module.exports = {
  ...preset,
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testMatch: ['**/*.distributed.spec.ts'],
  testTimeout: 120000,
};
