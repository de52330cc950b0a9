import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

/**
 * The dependency rules that `npm run lint` enforces, proven able to fail: a scratch tree inside the
 * repo (so imports resolve against its node_modules) gets a domain file importing a framework.
 */
describe('dependency rules (dependency-cruiser with the project config)', () => {
  const scratch = join(ROOT, '.tmp', `architecture-${process.pid}`);

  beforeAll(() => {
    mkdirSync(join(scratch, 'libs', 'domain', 'src'), { recursive: true });
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions: {} }));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function cruise(source: string): { ok: boolean; output: string } {
    writeFileSync(join(scratch, 'libs', 'domain', 'src', 'decider.ts'), source);
    try {
      const output = execFileSync(
        DEPCRUISE,
        ['libs', '--config', join(ROOT, '.dependency-cruiser.js')],
        {
          cwd: scratch,
          encoding: 'utf8',
          stdio: 'pipe',
        },
      );
      return { ok: true, output };
    } catch (error) {
      return { ok: false, output: String((error as { stdout: string }).stdout) };
    }
  }

  it.each(['@nestjs/common', 'axios', 'kafkajs', '@eventstore/db-client', 'better-sqlite3'])(
    'fails when libs/domain imports %s',
    (module) => {
      const result = cruise(`import * as m from '${module}';\nexport const used = m;\n`);
      expect(result.ok).toBe(false);
      expect(result.output).toContain('domain-is-pure');
    },
  );

  it('fails when libs/domain imports a node built-in (deciders do no I/O)', () => {
    const result = cruise(
      `import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n`,
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain('domain-does-no-io');
  });

  it('passes a domain file that imports only other domain code', () => {
    writeFileSync(join(scratch, 'libs', 'domain', 'src', 'event.ts'), 'export const x = 1;\n');
    expect(cruise(`import { x } from './event';\nexport const y = x;\n`)).toEqual({
      ok: true,
      output: expect.stringContaining('no dependency violations'),
    });
  });
});
