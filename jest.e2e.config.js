// Integration (module tests against real Postgres + Redis) and end-to-end tests (real api + worker processes).
// globalSetup creates a fresh database for this run, applies migrations once and starts the api and worker.
module.exports = {
  ...require('./jest.base.config'),
  displayName: 'e2e',
  testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // A bound, not a threshold: it only turns a hang into a failure. On a 2-core machine shared with other
  // work (load average 17-40 seen here) a browser journey took 308 s and a 100-approval setup hook 185 s.
  testTimeout: 420000,
  maxWorkers: 2,
};
