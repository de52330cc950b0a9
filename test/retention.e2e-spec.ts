import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@pms-hub/event-store';
import { eventually, testEvents } from '@pms-hub/testing';
import { HUB_MAIN, startHubProcess } from './support/hub-process';

const DAY_MS = 86_400_000;

describe('telemetry retention in a hub process (embedded store)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-retention-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('expires telemetry recorded 40 days ago soon after start, and keeps the business facts', async () => {
    const path = join(dir, 'data', 'events.sqlite');
    // A store whose history began 40 days ago.
    const past = SqliteEventStore.open(path, { now: () => new Date(Date.now() - 40 * DAY_MS) });
    await past.append('office-health-old', testEvents(5), 'no_stream');
    await past.append('booking-old', testEvents(2), 'no_stream');
    await past.close();

    const hub = await startHubProcess({
      DATA_DIR: join(dir, 'data'),
      MONITOR_ENABLED: 'off',
      RETENTION_SCAVENGE_EVERY_MS: '100',
    });
    try {
      expect(hub.output()).toContain(
        'retention: telemetry (office-health-, office-traffic-, pms-circuit-, monitor-instances) older than 35 days expires, checked every 100 ms',
      );
      await eventually('the first run', () =>
        /removed 4 telemetry events older than 35 days \(positions 0 to \d+\) in \d+ ms/.test(
          hub.output(),
        ),
      );
      await eventually('a later run', () =>
        /removed 0 telemetry events older than 35 days/.test(hub.output()),
      );
    } finally {
      await hub.kill('SIGTERM');
    }
    const store = SqliteEventStore.open(path);
    try {
      expect((await store.readStream('office-health-old')).map((e) => e.revision)).toEqual([4]);
      expect((await store.readStream('booking-old')).map((e) => e.revision)).toEqual([0, 1]);
    } finally {
      await store.close();
    }
  }, 180000);

  it('refuses to start with fewer days than the 7-day views need, saying why', () => {
    const started = spawnSync(process.execPath, [HUB_MAIN], {
      env: {
        ...process.env,
        DATA_DIR: join(dir, 'refused'),
        KAFKA_BROKERS: '',
        RETENTION_DAYS: '7',
      },
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain(
      'pms-hub failed to start: RETENTION_DAYS must be a whole number of days from 8',
    );
  });
});
