/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
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
  },
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
};
