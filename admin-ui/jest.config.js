const { createCjsPreset } = require('jest-preset-angular/presets');

/** Angular unit tests through jest-preset-angular, so the whole repository keeps one runner. */
module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  displayName: 'admin-ui',
  // jest-preset-angular's own jsdom environment (on the installed jsdom), not jest-environment-jsdom.
  testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  rootDir: __dirname,
  setupFilesAfterEnv: ['<rootDir>/src/setup-jest.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.test.ts'],
  moduleFileExtensions: ['ts', 'html', 'js', 'json', 'mjs'],
};
