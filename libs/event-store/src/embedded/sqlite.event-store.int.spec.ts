import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreConformance } from '../event-store.conformance';
import { describeRetentionConformance } from '../retention.conformance';
import { RecordedEvent, WrongExpectedRevisionError } from '../event-store.port';
import { SqliteWriterProcess } from '../testing/sqlite-writer-process';
import { eventually } from '@pms-hub/testing';
import { SqliteEventStore } from './sqlite.event-store';

async function tempDbPath(): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pms-hub-event-store-'));
  return {
    path: join(dir, 'nested', 'events.sqlite'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

describeEventStoreConformance('SqliteEventStore', () => openTemp());

describeRetentionConformance(
  'SqliteEventStore',
  () => openTemp(),
  (now) => openTemp(now),
);

async function openTemp(now?: () => Date) {
  const db = await tempDbPath();
  const store = SqliteEventStore.open(db.path, { now });
  return {
    store,
    checkpoints: store.checkpoints,
    dispose: async () => {
      await store.close();
      await db.remove();
    },
  };
}

describe('SqliteEventStore', () => {
  let db: Awaited<ReturnType<typeof tempDbPath>>;

  beforeEach(async () => {
    db = await tempDbPath();
  });

  afterEach(async () => {
    await db.remove();
  });

  const event = (type = 'TestEvent') => ({
    id: randomUUID(),
    type,
    data: { n: 1 },
    metadata: {},
  });

  describe('a filtered subscription never rescans', () => {
    const noise = (count: number) => Array.from({ length: count }, () => event('Noise'));

    it('catches up at most 10,000 positions a read, checkpointing after each', async () => {
      const store = SqliteEventStore.open(db.path);
      try {
        for (let n = 0; n < 50; n++) await store.append(`noise-${n}`, noise(1000), 'no_stream');
        const checkpoints: number[] = [];
        let caughtUp = false;
        const subscription = store.subscribeToAll({
          filter: { streamPrefixes: ['match-'] },
          onEvent: async () => undefined,
          onCheckpoint: (position) => void checkpoints.push(Number(position)),
          onCaughtUp: () => (caughtUp = true),
        });
        await eventually('the catch-up', () => caughtUp);
        await subscription.stop();
        expect(checkpoints).toEqual([10_000, 20_000, 30_000, 40_000, 50_000]);
      } finally {
        await store.close();
      }
    });

    it('moves a live checkpoint to each skipped append, so the next read starts there', async () => {
      const store = SqliteEventStore.open(db.path);
      try {
        await store.append('noise-history', noise(5000), 'no_stream');
        const checkpoints: string[] = [];
        const received: RecordedEvent[] = [];
        let caughtUp = false;
        const subscription = store.subscribeToAll({
          filter: { streamPrefixes: ['match-'] },
          onEvent: async (e) => void received.push(e),
          onCheckpoint: (position) => void checkpoints.push(position),
          onCaughtUp: () => (caughtUp = true),
        });
        await eventually('the catch-up', () => caughtUp);
        for (let n = 0; n < 3; n++) {
          const { position } = await store.append(`noise-live-${n}`, noise(10), 'no_stream');
          await eventually(`the checkpoint at ${position}`, () => checkpoints.at(-1) === position);
        }
        const match = await store.append('match-1', [event()], 'no_stream');
        await eventually('the match', () => received.length === 1);
        await subscription.stop();
        expect(received.map((e) => e.position)).toEqual([match.position]);
        expect(checkpoints).toEqual(['5000', '5010', '5020', '5030']);
      } finally {
        await store.close();
      }
    });
  });

  it('resumes retention after a reopen from the position saved per set of prefixes', async () => {
    const DAY_MS = 86_400_000;
    let time = Date.parse('2031-01-01T00:00:00.000Z');
    const now = () => new Date(time);
    const health = { streamPrefixes: ['office-health-'], maxAgeMs: 35 * DAY_MS };
    const first = SqliteEventStore.open(db.path, { now });
    await first.append('office-health-a', [event(), event(), event()], 'no_stream');
    await first.append('office-traffic-a', [event(), event()], 'no_stream');
    time += 40 * DAY_MS;
    await first.append('office-health-a', [event()], 2);
    await first.append('office-traffic-a', [event()], 1);
    const before = await first.expire(health);
    await first.close();

    const reopened = SqliteEventStore.open(db.path, { now });
    try {
      const upTo = before.scanned!.upTo;
      expect(await reopened.expire(health)).toEqual({
        removed: 0,
        streamsMarked: 0,
        scanned: { after: upTo, upTo },
      });
      expect(await reopened.checkpoints.load('retention:office-health-')).toBe(upTo);
      // A prefix added to the policy is scavenged from the start once.
      const both = { ...health, streamPrefixes: ['office-traffic-', 'office-health-'] };
      expect(await reopened.expire(both)).toMatchObject({ removed: 2, scanned: { after: '0' } });
    } finally {
      await reopened.close();
    }
  });

  it('keeps events and checkpoints across close and reopen', async () => {
    const first = SqliteEventStore.open(db.path);
    const appended = event();
    const { position } = await first.append('patient-1', [appended], 'no_stream');
    await first.checkpoints.save('projection', position);
    await first.close();

    const reopened = SqliteEventStore.open(db.path);
    try {
      expect(await reopened.readStream('patient-1')).toMatchObject([
        { ...appended, streamId: 'patient-1', revision: 0, position },
      ]);
      expect(await reopened.checkpoints.load('projection')).toBe(position);
    } finally {
      await reopened.close();
    }
  });

  it('refuses an event id already stored in another stream', async () => {
    const store = SqliteEventStore.open(db.path);
    try {
      const reused = event();
      await store.append('patient-1', [reused], 'no_stream');

      const attempt = store.append('patient-2', [reused], 'no_stream');

      await expect(attempt).rejects.toThrow(/already exists in stream patient-1/);
      await expect(attempt).rejects.not.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream('patient-2')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('stops its subscriptions on close', async () => {
    const store = SqliteEventStore.open(db.path);
    let caughtUp = false;
    store.subscribeToAll({ onEvent: async () => undefined, onCaughtUp: () => (caughtUp = true) });
    await eventually('onCaughtUp', () => caughtUp);

    await store.close();

    expect(() => store.subscribeToAll({ onEvent: async () => undefined })).toThrow(/closed/);
  });

  it('delivers to a live subscription what another process appends to the same file', async () => {
    const store = SqliteEventStore.open(db.path, { pollIntervalMs: 20 });
    const received: RecordedEvent[] = [];
    let caughtUp = false;
    try {
      store.subscribeToAll({
        onEvent: async (recorded) => void received.push(recorded),
        onCaughtUp: () => (caughtUp = true),
      });
      await eventually('onCaughtUp', () => caughtUp);

      const writer = SqliteWriterProcess.start(db.path, 2, 20);
      await writer.finished();
      expect(writer.exit).toEqual({ code: 0, signal: null });
      await eventually('the other process events', () => received.length >= writer.acked.length);

      expect(writer.acked.length).toBeGreaterThanOrEqual(20);
      expect(received.map((recorded) => recorded.id)).toEqual(writer.acked.map((ack) => ack.id));
    } finally {
      await store.close();
    }
  });
});
