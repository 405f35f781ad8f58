import { base } from './jest.base.config.js';

/** Browser tests: the H5 build in real Chromium against the real API on a real PostgreSQL. */
export default {
  ...base,
  displayName: 'browser',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 60000,
  maxWorkers: 1,
};
