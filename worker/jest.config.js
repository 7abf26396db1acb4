module.exports = {
  displayName: 'worker',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: require('../jest.swc.js'),
};
