import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RunningHub, startHub } from '../apps/hub/src/hub';
import { OfficeConfig } from '../apps/hub/src/offices/office-config';
import { TEST_ADMIN_KEY, request, requestWithKey } from './support/http';
import { testHubConfig } from './support/in-process-hub';

const REBUILD_JS = join(__dirname, '..', 'dist', 'apps', 'hub', 'src', 'rebuild-read-models.js');
const MODELS = ['office-catalog', 'office-health', 'office-performance'];
const OFFICES: OfficeConfig[] = ['north', 'south', 'east'].map((officeId) => ({
  officeId,
  connection: { pmsType: 'dummy' },
}));

/** `npm run rebuild-read-models` as the build runs it, against a hub over HTTP. */
async function rebuildReadModels(
  env: Record<string, string>,
  names: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [REBUILD_JS, ...names], {
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('read models over REST and `npm run rebuild-read-models` (in-process hub, real SQLite files, the built script as a child process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pms-hub-read-models-admin-'));
  let hub: RunningHub | undefined;
  // Every check recorded: the views compared across a restart are the store's alone.
  const config = {
    ...testHubConfig(dataDir),
    monitor: { ...testHubConfig(dataDir).monitor, recordEveryMs: 0 },
  };
  const start = async () => (hub = await startHub(config, OFFICES, false));
  const views = async () => ({
    offices: (await request('GET', `${hub!.url}/offices`)).body,
    health: await Promise.all(
      OFFICES.map(
        async ({ officeId }) =>
          (await request('GET', `${hub!.url}/offices/${officeId}/health`)).body,
      ),
    ),
  });

  beforeAll(async () => {
    await start();
    // Two rounds of checks: each office gets a status, so the health model has rows.
    for (let round = 0; round < 2; round++) {
      expect((await request('POST', `${hub!.url}/monitoring/refresh`)).status).toBe(204);
    }
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists each read model with the position it has saved, to admins only', async () => {
    expect((await requestWithKey(null, 'GET', `${hub!.url}/read-models`)).status).toBe(401);
    const { status, body } = await request('GET', `${hub!.url}/read-models`);
    expect(status).toBe(200);
    expect(body.readModels.map(({ name }: { name: string }) => name).sort()).toEqual(MODELS);
    const catalog = body.readModels.find(({ name }: { name: string }) => name === 'office-catalog');
    expect(catalog).toMatchObject({ eventsBehind: 0, lastRebuild: null });
    expect(catalog.checkpoint).toEqual(expect.any(String));
  });

  it('rebuilds every model from the store, printing progress, and serves what it served before', async () => {
    const before = await views();
    expect(before.health.map(({ status }: { status: string }) => status)).toEqual(
      OFFICES.map(() => 'healthy'),
    );

    const { code, stdout, stderr } = await rebuildReadModels({
      HUB_URL: hub!.url,
      HUB_API_KEY: TEST_ADMIN_KEY,
    });

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(`rebuilding ${MODELS.join(', ')} from the start of the store`);
    for (const name of MODELS) expect(stdout).toMatch(new RegExp(`^${name}: done, `, 'm'));
    const { body } = await request('GET', `${hub!.url}/read-models`);
    for (const { lastRebuild } of body.readModels) {
      expect(lastRebuild).toMatchObject({ state: 'done', eventsDone: lastRebuild.eventsTotal });
    }
    const health = body.readModels.find(({ name }: { name: string }) => name === 'office-health');
    // Two rounds of checks for each office, at least.
    expect(health.lastRebuild.eventsDone).toBeGreaterThanOrEqual(2 * OFFICES.length);
    expect(await views()).toEqual(before);
  });

  it('says why it cannot rebuild: no key, a model that does not exist', async () => {
    const noKey = await rebuildReadModels({ HUB_URL: hub!.url });
    expect(noKey).toMatchObject({ code: 1, stderr: expect.stringMatching(/set HUB_API_KEY/) });
    const unknown = await rebuildReadModels({ HUB_URL: hub!.url, HUB_API_KEY: TEST_ADMIN_KEY }, [
      'nope',
    ]);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('the hub answered 404: no read model named nope'),
    });
  });

  it('restarts on its saved rows and serves the same offices and health', async () => {
    const before = await views();
    await hub!.close();
    hub = undefined;
    await start();
    expect(await views()).toEqual(before);
    const { body } = await request('GET', `${hub!.url}/read-models`);
    for (const model of body.readModels) expect(model.eventsBehind).toBe(0);
  });

  it('refuses a second hub on the same read-model file, naming the way out', async () => {
    await expect(startHub(testHubConfig(dataDir), OFFICES, false)).rejects.toThrow(
      /is in use by another process: give each hub instance its own \(HUB_INSTANCE_ID or READ_MODELS_FILE\)/,
    );
  });
});
