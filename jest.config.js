/**
 * One project per test kind, so a developer can run one alone (`--selectProjects unit`):
 * `.spec.ts` pure and in-process, `.int.spec.ts` against real servers, simulators or the store,
 * `test/*.e2e-spec.ts` whole hub processes. `npm test` runs them all.
 */
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
      },
    ],
  },
  moduleNameMapper: {
    '^@pms-hub/domain$': '<rootDir>/libs/domain/src',
    '^@pms-hub/event-store$': '<rootDir>/libs/event-store/src',
    '^@pms-hub/pms$': '<rootDir>/libs/pms/src',
    '^@pms-hub/messaging$': '<rootDir>/libs/messaging/src',
    '^@pms-hub/pms-simulators$': '<rootDir>/libs/pms-simulators/src',
    '^@pms-hub/testing$': '<rootDir>/libs/testing/src',
  },
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.int\\.spec\\.ts$'],
    },
    { ...shared, displayName: 'int', testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
};
