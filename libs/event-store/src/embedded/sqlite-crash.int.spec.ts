import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordedEvent } from '../event-store.port';
import { AckedEvent, SqliteWriterProcess } from '../testing/sqlite-writer-process';
import { eventually } from '@pms-hub/testing';
import { SqliteEventStore } from './sqlite.event-store';

const KILLS = 3;
const ACKS_BEFORE_KILL = 300;
const STREAMS = 4;

interface WriterData {
  batchId: string;
  batchIndex: number;
  batchSize: number;
  payload: string;
  sha256: string;
}

describe('SqliteEventStore crash durability', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pms-hub-crash-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged append, whole and gap-free, across SIGKILLs of the writer', async () => {
    const dbPath = join(dir, 'events.sqlite');
    const acked: AckedEvent[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const writer = SqliteWriterProcess.start(dbPath, STREAMS);
      await eventually(
        `${ACKS_BEFORE_KILL} acknowledged appends`,
        () => writer.acked.length >= ACKS_BEFORE_KILL || writer.exit !== undefined,
        { timeoutMs: 30_000 },
      );
      if (writer.exit) throw new Error(`writer died before it was killed: ${writer.describe()}`);
      await writer.kill();
      expect(writer.exit).toEqual({ code: null, signal: 'SIGKILL' });
      acked.push(...writer.acked);
    }

    const raw = new Database(dbPath);
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      raw.close();
    }
    const store = SqliteEventStore.open(dbPath);
    try {
      const all = await store.readAll();
      const streams = new Map<string, RecordedEvent[]>();
      for (const stream of new Set(all.map((event) => event.streamId))) {
        streams.set(stream, await store.readStream(stream));
      }

      const positions = all.map((event) => BigInt(event.position));
      positions
        .slice(1)
        .forEach((position, index) => expect(position).toBeGreaterThan(positions[index]));
      for (const [stream, events] of streams) {
        expect([stream, events.map((event) => event.revision)]).toEqual([
          stream,
          events.map((_, index) => index),
        ]);
      }
      expectIntact(all);
      expect(new Set(acked.map((event) => event.id)).size).toBe(acked.length);
      for (const event of acked) {
        expect(streams.get(event.stream)?.[event.revision]).toMatchObject({
          streamId: event.stream,
          revision: event.revision,
          id: event.id,
          data: event.data,
        });
      }
      // Each restart continued the streams rather than starting them over.
      expect(Math.max(...all.map((event) => event.revision))).toBeGreaterThan(
        (KILLS * ACKS_BEFORE_KILL) / STREAMS,
      );
    } finally {
      await store.close();
    }
  });
});

/** Every payload matches its hash, and every batch is stored whole or not at all. */
function expectIntact(events: RecordedEvent[]): void {
  const batches = new Map<string, WriterData[]>();
  for (const event of events) {
    const data = event.data as WriterData;
    expect(createHash('sha256').update(data.payload).digest('hex')).toBe(data.sha256);
    batches.set(data.batchId, [...(batches.get(data.batchId) ?? []), data]);
  }
  for (const batch of batches.values()) {
    expect(batch.map((data) => data.batchIndex)).toEqual(
      Array.from({ length: batch[0].batchSize }, (_, index) => index),
    );
  }
}
