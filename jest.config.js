/** One jest run covers every package; each project owns its own config beside its code. */
module.exports = {
  // A global option: jest ignores testTimeout inside project configs. Integration setups start servers.
  testTimeout: 60000,
  projects: ['<rootDir>/tenant-config', '<rootDir>/api', '<rootDir>/worker', '<rootDir>/admin-ui', '<rootDir>/test'],
};
