/** Architecture rules: `npm run lint` fails when one is broken. */
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
      comment: 'Contract specs may start a simulator from apps/; library code may not.',
      severity: 'error',
      from: { path: '^libs/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^apps/' },
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
