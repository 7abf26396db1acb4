/** One jest run covers every package; each project owns its own config beside its code. */
module.exports = {
  projects: ['<rootDir>/tenant-config', '<rootDir>/api', '<rootDir>/worker', '<rootDir>/admin-ui', '<rootDir>/test'],
};
