import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore } from '@pms-hub/event-store';
import { eventually } from '@pms-hub/testing';
import { request } from './support/http';
import { HubProcess, startHubProcess } from './support/hub-process';

const OFFICES = Array.from({ length: 100 }, (_, i) => `office-${String(i).padStart(3, '0')}`);
const INTERVAL_MS = 1000;

interface MonitoringStatus {
  holder: string;
  monitoringAll: boolean;
  holders: string[];
  offices: string[];
}

describe('two hubs on one store share the monitoring (real hub processes, one embedded store)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pms-hub-shared-monitoring-'));
  const officesFile = join(dir, 'offices.json');
  writeFileSync(
    officesFile,
    JSON.stringify(OFFICES.map((officeId) => ({ officeId, connection: { pmsType: 'dummy' } }))),
  );
  const hubs = new Map<string, HubProcess>();
  const start = async (instanceId: string) => {
    const hub = await startHubProcess({
      DATA_DIR: join(dir, 'data'),
      OFFICES_FILE: officesFile,
      HUB_INSTANCE_ID: instanceId,
      MONITOR_INTERVAL_MS: String(INTERVAL_MS),
    });
    hubs.set(instanceId, hub);
    return hub;
  };
  const status = async (hub: HubProcess): Promise<MonitoringStatus> =>
    (await request('GET', `${hub.url}/monitoring`)).body;
  /** Every office checked by exactly one of `live`, as each says. */
  const partitioned = async (live: HubProcess[]) => {
    const statuses = await Promise.all(live.map(status));
    const all = statuses.flatMap(({ offices }) => offices);
    const agreed = statuses.every(({ holders }) => holders.length === live.length);
    return agreed && all.length === OFFICES.length && new Set(all).size === OFFICES.length
      ? statuses
      : undefined;
  };
  /** The office's last check as `hub` shows it: its own checks at once. */
  const lastCheck = async (hub: HubProcess, officeId: string) =>
    Date.parse((await request('GET', `${hub.url}/offices/${officeId}/health`)).body.lastCheck);

  afterAll(async () => {
    for (const hub of hubs.values()) await hub.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks every office by exactly one hub, each its share', async () => {
    const one = await start('hub-1');
    const two = await start('hub-2');
    const statuses = await eventually('the offices shared between the two', () =>
      partitioned([one, two]),
    );
    for (const { offices } of statuses) expect(offices.length).toBeGreaterThan(20);
    // Each hub really checks its share: its view moves on for each of its offices.
    const since = Date.now();
    for (const [hub, { offices }] of [
      [one, statuses[0]],
      [two, statuses[1]],
    ] as const) {
      await eventually('each office of the share checked again', async () => {
        for (const officeId of offices) if ((await lastCheck(hub, officeId)) <= since) return;
        return true;
      });
    }
  });

  it('gives a killed hub offices to the other, which checks all of them', async () => {
    const one = hubs.get('hub-1')!;
    const two = hubs.get('hub-2')!;
    const lost = (await status(one)).offices;
    await one.kill('SIGKILL');
    hubs.delete('hub-1');
    const killedAt = Date.now();

    await eventually('hub-2 monitoring every office', async () => {
      const { offices, holders } = await status(two);
      return offices.length === OFFICES.length && holders.length === 1 ? true : undefined;
    });
    await eventually("hub-2 checking the killed hub's offices", async () => {
      for (const officeId of lost) if ((await lastCheck(two, officeId)) <= killedAt) return;
      return true;
    });
  });

  it('shares again when a hub comes back, and hands over at once on a clean stop', async () => {
    const one = await start('hub-1');
    const two = hubs.get('hub-2')!;
    await eventually('the offices shared again', () => partitioned([one, two]));

    const holder = (await status(two)).holder;
    await two.kill('SIGTERM');
    hubs.delete('hub-2');
    await eventually('hub-1 monitoring every office', async () => {
      const { offices, holders } = await status(one);
      return offices.length === OFFICES.length && holders.length === 1 ? true : undefined;
    });
    // The stopped hub released its lease rather than letting it run out.
    const { store } = createEventStore({
      kind: 'embedded',
      path: join(dir, 'data', 'events.sqlite'),
    });
    try {
      const released = (await store.readStream('monitor-instances', { last: 50 })).filter(
        ({ type, data }) =>
          type === 'MonitorLeaseReleased' && (data as { holder: string }).holder === holder,
      );
      expect(released).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
