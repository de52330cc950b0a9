import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MONITOR_INSTANCES_STREAM, MonitorLeaseChange, monitorLeaseDecider } from '@pms-hub/domain';
import { EventStore, ReadStreamOptions, createEventStore } from '@pms-hub/event-store';
import { factContext } from '../platform/event-store/append-decided';
import { toEventsToAppend } from '../platform/event-store/stored-events';
import { MonitorMembership, leaseTiming } from './monitor-membership';

describe('MonitorMembership (real embedded store)', () => {
  let dir: string;
  let store: EventStore;
  const reads: ReadStreamOptions[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-membership-'));
    ({ store } = createEventStore({ kind: 'embedded', path: join(dir, 'events.sqlite') }));
    reads.length = 0;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const observed = (): EventStore =>
    Object.create(store, {
      readStream: {
        value: (streamId: string, options: ReadStreamOptions = {}) => {
          reads.push(options);
          return store.readStream(streamId, options);
        },
      },
    });
  const record = async (change: MonitorLeaseChange, nowMs: number) => {
    const events = monitorLeaseDecider.decide(
      change,
      monitorLeaseDecider.initialState,
      factContext('', new Date(nowMs).toISOString()),
    );
    await store.append(MONITOR_INSTANCES_STREAM, toEventsToAppend(events), 'any');
  };

  it('starts from the tail of a long log, then reads only what was appended since', async () => {
    const now = Date.now();
    // A long history of renewals by instances long gone, then two live ones.
    for (let i = 0; i < 300; i++) {
      await record({ kind: 'renew', holder: `gone-${i % 7}`, ttlMs: 1000 }, now - 3_600_000 + i);
    }
    await record({ kind: 'renew', holder: 'hub-a', ttlMs: 30_000 }, now);
    await record({ kind: 'renew', holder: 'hub-b', ttlMs: 30_000 }, now);
    const membership = new MonitorMembership(observed(), 30_000);

    await membership.refresh(now);
    expect(membership.holders(now)).toEqual(['hub-a', 'hub-b']);
    expect(reads).toEqual([{ last: 64 }]);

    await record({ kind: 'release', holder: 'hub-b' }, now + 1);
    await membership.refresh(now + 1);
    expect(membership.holders(now + 1)).toEqual(['hub-a']);
    expect(reads[1]).toEqual({ fromRevision: 302 });
    // hub-a's lease ends unless renewed.
    expect(membership.holders(now + 30_000)).toEqual([]);
  });

  it('reads further back while the tail still holds leases that may be live', async () => {
    const now = Date.now();
    for (let i = 0; i < 100; i++) {
      await record({ kind: 'renew', holder: `hub-${i}`, ttlMs: 60_000 }, now);
    }
    const membership = new MonitorMembership(observed(), 60_000);
    await membership.refresh(now);
    expect(membership.holders(now)).toHaveLength(100);
    expect(reads).toEqual([{ last: 64 }, { last: 256 }]);
  });

  it('reads an empty log from its start next time', async () => {
    const membership = new MonitorMembership(observed(), 30_000);
    await membership.refresh(Date.now());
    await record({ kind: 'renew', holder: 'hub-a', ttlMs: 30_000 }, Date.now());
    await membership.refresh(Date.now());
    expect(membership.holders(Date.now())).toEqual(['hub-a']);
    expect(reads).toEqual([{ last: 64 }, { fromRevision: 0 }]);
  });

  it('renews well within a lease: a dead holder is replaced within two check intervals', () => {
    for (const intervalMs of [300, 3000, 30_000, 300_000]) {
      const { renewEveryMs, ttlMs } = leaseTiming(intervalMs);
      expect(ttlMs).toBeGreaterThanOrEqual(3 * renewEveryMs);
      expect(ttlMs + renewEveryMs).toBeLessThan(2 * intervalMs);
    }
  });
});
