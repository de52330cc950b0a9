import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from './support/http';
import { HUB_MAIN, HubProcess, startHubProcess } from './support/hub-process';
import { listeningPorts } from './support/listening-ports';

/** What the Docker image runs: the production entry, which never falls into demo mode. */
describe('the production entry `node dist/apps/hub/src/main.js` (real process, real HTTP)', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'pms-hub-production-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('with no OFFICES_FILE and no --demo', () => {
    let hub: HubProcess;
    beforeAll(async () => {
      hub = await startHubProcess({ DATA_DIR: join(dir, 'data'), OFFICES_FILE: '' });
    }, 180000);
    afterAll(() => hub?.kill('SIGTERM'));

    it('serves no office', async () => {
      const offices = await request('GET', `${hub.url}/offices`);
      expect(offices).toMatchObject({ status: 200, body: [] });
      expect((await request('GET', `${hub.url}/offices/demo-dentrix/providers`)).status).toBe(404);
    });

    it('starts no simulator: the hub listens on its own port only', () => {
      expect(listeningPorts(hub.child.pid!)).toEqual([Number(new URL(hub.url).port)]);
      expect(hub.output()).not.toContain('demo mode');
    });

    it('says how to add an office', () => {
      expect(hub.output()).toContain('offices: none, so no PMS is served');
      expect(hub.output()).toContain('OFFICES_FILE=<path>');
      expect(hub.output()).toContain('POST /offices');
    });
  });

  it('never serves the demo offices: the demo keeps its own store, ./data/demo, by default', async () => {
    const cwd = join(dir, 'workdir');
    mkdirSync(cwd);
    const unset = { DATA_DIR: '', OFFICES_FILE: '' };
    const demo = await startHubProcess(unset, [process.execPath, HUB_MAIN, '--demo'], cwd);
    try {
      expect(demo.output()).toContain(
        `event store: embedded, ${join(cwd, 'data', 'demo', 'events.sqlite')}`,
      );
      expect((await request('GET', `${demo.url}/offices`)).body).toHaveLength(4);
    } finally {
      await demo.kill('SIGTERM');
    }
    const production = await startHubProcess(unset, [process.execPath, HUB_MAIN], cwd);
    try {
      expect(production.output()).toContain(
        `event store: embedded, ${join(cwd, 'data', 'events.sqlite')}`,
      );
      expect(await request('GET', `${production.url}/offices`)).toMatchObject({
        status: 200,
        body: [],
      });
    } finally {
      await production.kill('SIGTERM');
    }
  }, 180000);

  it.each([
    [
      '--demo with an OFFICES_FILE',
      ['--demo'],
      { OFFICES_FILE: 'offices.json' },
      '--demo serves the demo offices only: unset OFFICES_FILE or drop --demo',
    ],
    [
      'an unknown argument',
      ['--demmo'],
      { OFFICES_FILE: '' },
      'unknown argument --demmo: the only one is --demo',
    ],
  ])('refuses to start on %s, saying why', (_case, args, env, reason) => {
    const started = spawnSync(process.execPath, [HUB_MAIN, ...args], {
      env: { ...process.env, DATA_DIR: join(dir, 'refused'), KAFKA_BROKERS: '', ...env },
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain(`pms-hub failed to start: ${reason}`);
  });
});
