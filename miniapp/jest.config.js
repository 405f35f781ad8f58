/** Component and service tests: jsdom + Taro's web components, with @tarojs/taro replaced by test/taro-mock.ts. */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  setupFiles: ['<rootDir>/test/env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(mjs|cjs|js|jsx|ts|tsx)$': 'babel-jest',
  },
  // Taro, Stencil, @noble/hashes and the shared contracts ship ES modules; let babel see them. A path is skipped when
  // any `node_modules/<name>` in it names something else (pnpm paths hold several).
  transformIgnorePatterns: [
    '/node_modules/(?!(\\.pnpm|@tarojs|@stencil|swiper|ssr-window|dom7|tslib|@noble|@pioneer/shared)/)',
  ],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/taro-mock.ts',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '\\.(css|scss)$': '<rootDir>/test/style-mock.ts',
  },
  // Compile-time constants that Taro's build defines and its runtime reads.
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
  },
  clearMocks: true,
  verbose: true,
  restoreMocks: false,
};
