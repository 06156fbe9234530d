const preset = require('./jest.preset.js');

/** `npm test`: every unit spec and the embedded end-to-end suite; needs no NATS or PostgreSQL. */
module.exports = {
  ...preset,
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '\\.distributed\\.spec\\.ts$'],
};
