import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');
const HUB = 'apps/hub/src';

/**
 * The dependency rules that `npm run lint` enforces, proven able to fail: a scratch tree inside the
 * repo (so imports resolve against its node_modules) gets files that break one rule each.
 */
describe('dependency rules (dependency-cruiser with the project config)', () => {
  const scratch = join(ROOT, '.tmp', `architecture-${process.pid}`);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** Cruises a fresh tree of these files (path → source). */
  function cruise(files: Record<string, string>): { ok: boolean; output: string } {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions: {} }));
    for (const [path, source] of Object.entries(files)) {
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), source);
    }
    const roots = ['apps', 'libs'].filter((root) => existsSync(join(scratch, root)));
    try {
      const output = execFileSync(
        DEPCRUISE,
        [...roots, '--config', join(ROOT, '.dependency-cruiser.js')],
        { cwd: scratch, encoding: 'utf8', stdio: 'pipe' },
      );
      return { ok: true, output };
    } catch (error) {
      return { ok: false, output: String((error as { stdout: string }).stdout) };
    }
  }

  const importing = (from: string) => `import { x } from '${from}';\nexport const y = x;\n`;
  const EXPORT = 'export const x = 1;\n';
  const expectBroken = (files: Record<string, string>, rule: string) => {
    const result = cruise(files);
    expect(result.ok).toBe(false);
    expect(result.output).toContain(rule);
  };
  const expectClean = (files: Record<string, string>) =>
    expect(cruise(files)).toEqual({
      ok: true,
      output: expect.stringContaining('no dependency violations'),
    });

  describe('libs/domain stays pure', () => {
    it.each(['@nestjs/common', 'axios', 'kafkajs', '@eventstore/db-client', 'better-sqlite3'])(
      'fails when libs/domain imports %s',
      (module) => {
        const source = `import * as m from '${module}';\nexport const used = m;\n`;
        expectBroken({ 'libs/domain/src/decider.ts': source }, 'domain-is-pure');
      },
    );

    it('fails when libs/domain imports a node built-in (deciders do no I/O)', () => {
      const source = `import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n`;
      expectBroken({ 'libs/domain/src/decider.ts': source }, 'domain-does-no-io');
    });

    it('fails when libs/domain imports another layer (a PMS adapter, the store, an app)', () => {
      expectBroken(
        {
          'libs/pms/src/adapter.ts': EXPORT,
          'libs/domain/src/decider.ts': importing('../../pms/src/adapter'),
        },
        'domain-imports-no-other-layer',
      );
    });

    it('passes a domain file that imports only other domain code', () => {
      expectClean({
        'libs/domain/src/event.ts': EXPORT,
        'libs/domain/src/decider.ts': importing('./event'),
      });
    });
  });

  describe('the simulators are for the demo and for tests', () => {
    const simulators = { 'libs/pms-simulators/src/index.ts': EXPORT };

    it('fails when production code outside demo/ imports libs/pms-simulators', () => {
      expectBroken(
        {
          ...simulators,
          [`${HUB}/offices/offices-file.ts`]: importing('../../../../libs/pms-simulators/src'),
        },
        'only-demo-imports-simulators',
      );
    });

    it('fails when a library imports libs/pms-simulators', () => {
      expectBroken(
        { ...simulators, 'libs/pms/src/adapter.ts': importing('../../pms-simulators/src') },
        'only-demo-imports-simulators',
      );
    });

    it('passes the demo, a spec and a test helper importing them', () => {
      expectClean({
        ...simulators,
        [`${HUB}/demo/demo-offices.ts`]: importing('../../../../libs/pms-simulators/src'),
        'libs/pms/src/adapter.int.spec.ts': importing('../../pms-simulators/src'),
        [`${HUB}/scheduling/harness.testing.ts`]: importing('../../../../libs/pms-simulators/src'),
      });
    });
  });

  describe('production code imports no test code', () => {
    it.each([
      ['a *.testing.ts helper', 'faulty-pms.testing.ts', './faulty-pms.testing'],
      ['an adapter contract', 'pms-adapter.contract.ts', './pms-adapter.contract'],
      ['a store conformance suite', 'event-store.conformance.ts', './event-store.conformance'],
      ['a testing/ folder', 'testing/wait-until.ts', './testing/wait-until'],
      ['a spec', 'adapter.spec.ts', './adapter.spec'],
    ])('fails when production code imports %s', (_what, helper, specifier) => {
      expectBroken(
        { [`libs/pms/src/${helper}`]: EXPORT, 'libs/pms/src/adapter.ts': importing(specifier) },
        'production-imports-no-test-code',
      );
    });

    it('passes a spec importing a test helper', () => {
      expectClean({
        'libs/pms/src/pms-adapter.contract.ts': EXPORT,
        'libs/pms/src/adapter.int.spec.ts': importing('./pms-adapter.contract'),
      });
    });
  });

  describe('contexts are layered, so no cycle runs between them', () => {
    const target = (context: string) => ({ [`${HUB}/${context}/target.ts`]: EXPORT });

    it.each([
      ['platform', 'scheduling'],
      ['platform', 'offices'],
      ['offices', 'monitoring'],
      ['offices', 'access'],
      ['monitoring', 'scheduling'],
      ['scheduling', 'monitoring'],
      ['access', 'scheduling'],
      ['scheduling', 'demo'],
      ['demo', 'scheduling'],
      ['alerting', 'audit'],
      ['audit', 'alerting'],
    ])('fails when %s imports %s', (from, to) => {
      expectBroken(
        { ...target(to), [`${HUB}/${from}/source.ts`]: importing(`../${to}/target`) },
        'contexts-are-layered',
      );
    });

    it('passes contexts importing platform and offices, and their own files', () => {
      expectClean({
        ...target('platform'),
        ...target('offices'),
        [`${HUB}/offices/source.ts`]: importing('../platform/target'),
        [`${HUB}/scheduling/commands/book/book.handler.ts`]: importing('../../../offices/target'),
        [`${HUB}/monitoring/source.ts`]: importing('../platform/target'),
        [`${HUB}/monitoring/read-models/health/health.projection.ts`]: importing('../../source'),
        [`${HUB}/alerting/source.ts`]: importing('../offices/target'),
        [`${HUB}/demo/source.ts`]: importing('../offices/target'),
      });
    });

    it('fails when a context imports the composition root', () => {
      expectBroken(
        { [`${HUB}/hub.ts`]: EXPORT, [`${HUB}/scheduling/source.ts`]: importing('../hub') },
        'contexts-do-not-import-the-root',
      );
    });
  });

  it('fails on an import cycle, even inside one folder', () => {
    expectBroken(
      {
        [`${HUB}/scheduling/a.ts`]: `import { b } from './b';\nexport const a = () => b;\n`,
        [`${HUB}/scheduling/b.ts`]: `import { a } from './a';\nexport const b = () => a;\n`,
      },
      'no-circular',
    );
  });

  it('fails when a library imports an app, even from a spec', () => {
    expectBroken(
      {
        'apps/pms-simulator/src/server.ts': EXPORT,
        'libs/pms/src/adapter.int.spec.ts': importing('../../../apps/pms-simulator/src/server'),
      },
      'libs-do-not-import-apps',
    );
  });
});

describe('the production build (npm run build, run by jest globalSetup)', () => {
  const DIST = join(ROOT, 'dist');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
    );

  it('holds the hub and no test code: no spec, test helper, contract, conformance suite or fixture', () => {
    const built = files(DIST).map((file) => relative(DIST, file));
    expect(built).toContain(join('apps', 'hub', 'src', 'main.js'));
    const testCode = built.filter((file) =>
      /(\.(spec|e2e-spec|testing|contract|conformance)\.js(\.map)?$|(^|\/)(testing|test)\/)/.test(
        file,
      ),
    );
    expect(testCode).toEqual([]);
  });
});
