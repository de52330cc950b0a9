/** Architecture rules: `npm run lint` fails when one is broken. */
const HUB = 'apps/hub/src/';
/** Specs, test helpers, adapter contracts and store conformance suites. */
const TEST_CODE = '(\\.(spec|e2e-spec|testing|contract|conformance)\\.ts$|/testing/)';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'libs/domain holds pure types and deciders: no framework, transport or store client.',
      severity: 'error',
      from: { path: '^libs/domain' },
      to: {
        path: '(^|/)node_modules/(@nestjs|axios|kafkajs|@eventstore|@kurrent|better-sqlite3|express|class-validator|class-transformer)(/|$)',
      },
    },
    {
      name: 'domain-does-no-io',
      comment: 'Deciders are pure: no file system, network or process access from libs/domain.',
      severity: 'error',
      from: { path: '^libs/domain' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-imports-no-other-layer',
      comment: 'libs/domain must not reach into adapters, stores or apps.',
      severity: 'error',
      from: { path: '^libs/domain' },
      to: { path: '^(apps|libs/(event-store|pms))/' },
    },
    {
      name: 'libs-do-not-import-apps',
      comment: 'Libraries, their specs included, never reach into an app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'only-demo-imports-simulators',
      comment:
        'The PMS simulators are for the demo and for tests: production code outside apps/hub/src/demo never imports them.',
      severity: 'error',
      from: {
        path: '^(apps|libs)/',
        pathNot: `^(apps/hub/src/demo|apps/pms-simulator|libs/pms-simulators)/|${TEST_CODE}`,
      },
      to: { path: '^libs/pms-simulators/' },
    },
    {
      name: 'production-imports-no-test-code',
      comment: 'Test helpers, contracts and conformance suites stay out of production code.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
    {
      name: 'contexts-are-layered',
      comment:
        'No cycles between contexts: platform imports no context, and offices only platform.',
      severity: 'error',
      from: { path: `^${HUB}(platform|offices)/`, pathNot: TEST_CODE },
      to: { path: `^${HUB}[^/]+/`, pathNot: `^${HUB}($1|platform)/` },
    },
    {
      name: 'contexts-are-layered',
      comment:
        'Every other context (access, monitoring, scheduling, demo, and any new one) builds on ' +
        'platform and offices only, never on another: a new dependency is a decision for this file.',
      severity: 'error',
      from: { path: `^${HUB}([^/]+)/`, pathNot: `${TEST_CODE}|^${HUB}(platform|offices)/` },
      to: { path: `^${HUB}[^/]+/`, pathNot: `^${HUB}($1|platform|offices)/` },
    },
    {
      name: 'contexts-do-not-import-the-root',
      comment: 'main.ts, hub.ts and app.module.ts compose the contexts; no context imports them.',
      severity: 'error',
      from: { path: `^${HUB}[^/]+/` },
      to: { path: `^${HUB}[^/]+\\.ts$` },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '(^dist/|\\.d\\.ts$)' },
  },
};
