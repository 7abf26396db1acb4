/** Cross-package suites against real PostgreSQL and Temporal, started once per run by test/setup. */
module.exports = {
  displayName: 'integration',
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['<rootDir>/**/*.test.ts'],
  transform: require('../jest.swc.js'),
  testTimeout: 60000,
  globalSetup: '<rootDir>/setup/global-setup.ts',
  globalTeardown: '<rootDir>/setup/global-teardown.ts',
};
