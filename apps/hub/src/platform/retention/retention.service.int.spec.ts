import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@pms-hub/event-store';
import { eventually, testEvents } from '@pms-hub/testing';
import { HubMetrics } from '../metrics/hub.metrics';
import { RetentionLog, RetentionService, retentionSummary } from './retention.service';

const DAY_MS = 86_400_000;
const CONFIG = { maxAgeMs: 35 * DAY_MS, everyMs: 3_600_000 };

/** What the service logged, line by line. */
function collectingLog(): RetentionLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    log: (message: string) => void lines.push(`log: ${message}`),
    error: (message: string) => void lines.push(`error: ${message}`),
  };
}

describe('RetentionService (real embedded store)', () => {
  let dir: string;
  let time: number;
  let store: SqliteEventStore;
  let metrics: HubMetrics;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-retention-'));
    time = Date.parse('2031-01-01T00:00:00.000Z');
    store = SqliteEventStore.open(join(dir, 'events.sqlite'), { now: () => new Date(time) });
    metrics = new HubMetrics();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('expires old telemetry only, and logs and counts what it removed', async () => {
    for (const stream of ['office-health-a', 'office-traffic-a', 'pms-circuit-a', 'booking-1']) {
      await store.append(stream, testEvents(3), 'no_stream');
    }
    await store.append('monitor-instances', testEvents(3), 'no_stream');
    time += 40 * DAY_MS;
    const log = collectingLog();
    const service = new RetentionService(store, CONFIG, metrics, log);

    const result = await service.run();

    expect(result?.removed).toBe(8);
    expect((await store.readStream('booking-1')).map((event) => event.revision)).toEqual([0, 1, 2]);
    expect((await store.readStream('office-health-a')).map((event) => event.revision)).toEqual([2]);
    expect(log.lines).toEqual([
      expect.stringMatching(
        /^log: removed 8 telemetry events older than 35 days \(positions 0 to 15\) in \d+ ms$/,
      ),
    ]);
    const exposed = await metrics.render();
    expect(exposed).toContain('hub_events_expired_total 8');
    expect(exposed).toContain('hub_retention_runs_total{outcome="ok"} 1');
  });

  it('runs soon after start and then every interval, until stopped', async () => {
    const log = collectingLog();
    const service = new RetentionService(store, { ...CONFIG, everyMs: 5 }, metrics, log);

    service.start();
    await eventually('two runs', () => log.lines.length >= 2);
    await service.stop();
    const runs = log.lines.length;

    expect(log.lines.every((line) => line.startsWith('log: removed 0 telemetry events'))).toBe(
      true,
    );
    // Stopped: no run starts any more.
    await service.run();
    expect(log.lines).toHaveLength(runs);
  });

  it('logs a failed run and goes on: the hub never stops for it', async () => {
    const log = collectingLog();
    const service = new RetentionService(store, CONFIG, metrics, log);
    await store.close();

    await expect(service.run()).resolves.toBeUndefined();
    await expect(service.run()).resolves.toBeUndefined();

    expect(log.lines).toEqual([
      'error: telemetry retention failed (tried again in 60 min): event store is closed',
      'error: telemetry retention failed (tried again in 60 min): event store is closed',
    ]);
    expect(await metrics.render()).toContain('hub_retention_runs_total{outcome="error"} 2');
  });

  it('says in the banner what expires and when, or that retention is off', () => {
    expect(retentionSummary(CONFIG)).toBe(
      'retention: telemetry (office-health-, office-traffic-, pms-circuit-, monitor-instances) ' +
        'older than 35 days expires, checked every 60 min; commands, offices and API keys are kept',
    );
    expect(retentionSummary(undefined)).toBe(
      'retention: off (RETENTION_DAYS=off): telemetry is kept forever',
    );
  });
});
