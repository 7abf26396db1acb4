module.exports = {
  displayName: 'tenant-config',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: require('../jest.swc.js'),
};
