import { base } from './jest.base.config.js';

/** End-to-end tests: the real app over real HTTP on a real PostgreSQL started once per run. */
export default {
  ...base,
  displayName: 'server-e2e',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 30000,
  maxWorkers: 2,
};
