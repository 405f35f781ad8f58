import { base } from './jest.base.config.js';

/** Unit tests: `*.spec.ts` beside the code. No database. */
export default {
  ...base,
  displayName: 'server-unit',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
};
