// Shared jest settings: ts-jest transpiles each file on its own (isolatedModules, fast); `npm run typecheck`
// does the whole-program type check once instead of per test file.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  setupFiles: ['<rootDir>/libs/shared/testing/src/jest-setup.ts'],
  testTimeout: 30000,
};
