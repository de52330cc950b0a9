import { randomUUID } from 'node:crypto';
import {
  CheckpointStore,
  EventStore,
  EventToAppend,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from './event-store.port';
import { eventually } from '@pms-hub/testing';

export interface OpenedEventStore {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  dispose(): Promise<void>;
}

/**
 * The behaviour every EventStore implementation must share. Stream names and event types are
 * unique per test because an EventStoreDB database is shared between runs.
 */
export function describeEventStoreConformance(
  name: string,
  open: () => Promise<OpenedEventStore>,
): void {
  describe(`${name} conformance`, () => {
    let opened: OpenedEventStore;
    let store: EventStore;
    let subscriptions: Subscription[];

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
      subscriptions = [];
    });

    afterEach(async () => {
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      await opened.dispose();
    });

    const subscribe = (options: SubscribeOptions): Subscription => {
      const subscription = store.subscribeToAll(options);
      subscriptions.push(subscription);
      return subscription;
    };

    const appendOne = async (streamId: string, type = 'TestEvent'): Promise<EventToAppend> => {
      const event = newEvent(type);
      await store.append(streamId, [event], 'any');
      return event;
    };

    /** A position to read or subscribe after, so a shared database's history is skipped. */
    const startPosition = async (): Promise<string> =>
      (await store.append(`marker-${randomUUID()}`, [newEvent('Marker')], 'no_stream')).position;

    describe('append and read', () => {
      it('reads a stream back in append order with everything that was appended', async () => {
        const streamId = `order-${randomUUID()}`;
        const first = [newEvent('OrderPlaced'), newEvent('OrderPaid')];
        const second = newEvent('OrderShipped');

        expect(await store.append(streamId, first, 'no_stream')).toMatchObject({ nextRevision: 1 });
        expect(await store.append(streamId, [second], 1)).toMatchObject({ nextRevision: 2 });

        const events = await store.readStream(streamId);
        [...first, second].forEach((appended, revision) =>
          expect(events[revision]).toMatchObject({ ...appended, streamId, revision }),
        );
        expect(events).toHaveLength(3);
        for (const event of events) {
          expect(new Date(event.recordedAt).toISOString()).toBe(event.recordedAt);
        }
      });

      it('reads a missing stream as empty', async () => {
        expect(await store.readStream(`missing-${randomUUID()}`)).toEqual([]);
      });

      describe('from a revision', () => {
        const ids = (events: readonly { readonly id: string }[]) => events.map((event) => event.id);

        it('reads the whole stream from 0, and the tail from the middle', async () => {
          const streamId = `tail-${randomUUID()}`;
          const appended = [newEvent(), newEvent(), newEvent(), newEvent()];
          await store.append(streamId, appended.slice(0, 2), 'no_stream');
          await store.append(streamId, appended.slice(2), 1);

          expect(await store.readStream(streamId, { fromRevision: 0 })).toEqual(
            await store.readStream(streamId),
          );
          const tail = await store.readStream(streamId, { fromRevision: 1 });
          expect(ids(tail)).toEqual(ids(appended.slice(1)));
          expect(tail.map((event) => event.revision)).toEqual([1, 2, 3]);
          expect(ids(await store.readStream(streamId, { fromRevision: 3 }))).toEqual([
            appended[3].id,
          ]);
        });

        it('reads nothing past the end of a stream, or from a missing one', async () => {
          const streamId = `past-end-${randomUUID()}`;
          await store.append(streamId, [newEvent(), newEvent()], 'no_stream');

          expect(await store.readStream(streamId, { fromRevision: 2 })).toEqual([]);
          expect(await store.readStream(streamId, { fromRevision: 1000 })).toEqual([]);
          expect(await store.readStream(`missing-${randomUUID()}`, { fromRevision: 0 })).toEqual(
            [],
          );
          expect(await store.readStream(`missing-${randomUUID()}`, { fromRevision: 5 })).toEqual(
            [],
          );
        });

        it('reads only the last events, in order, when asked for a tail', async () => {
          const streamId = `last-${randomUUID()}`;
          const appended = [newEvent(), newEvent(), newEvent(), newEvent(), newEvent()];
          await store.append(streamId, appended, 'no_stream');

          expect(ids(await store.readStream(streamId, { last: 2 }))).toEqual(
            ids(appended.slice(3)),
          );
          expect((await store.readStream(streamId, { last: 2 })).map((e) => e.revision)).toEqual([
            3, 4,
          ]);
          expect(ids(await store.readStream(streamId, { last: 50 }))).toEqual(ids(appended));
          expect(ids(await store.readStream(streamId, { fromRevision: 4, last: 3 }))).toEqual([
            appended[4].id,
          ]);
          expect(await store.readStream(`missing-${randomUUID()}`, { last: 3 })).toEqual([]);
          for (const last of [0, -1, 1.5]) {
            await expect(store.readStream(streamId, { last })).rejects.toThrow(/invalid last/);
          }
        });

        it('refuses a revision that is negative or not an integer', async () => {
          const streamId = `bad-from-${randomUUID()}`;
          await store.append(streamId, [newEvent()], 'no_stream');

          for (const fromRevision of [-1, 0.5, Number.NaN]) {
            await expect(store.readStream(streamId, { fromRevision })).rejects.toThrow(
              /invalid fromRevision/,
            );
          }
        });
      });

      it('keeps one global order across streams, at the positions appends returned', async () => {
        const prefix = `global-${randomUUID()}`;
        const start = await startPosition();
        const appends: { event: EventToAppend; position: string }[] = [];
        for (const streamId of [`${prefix}-a`, `${prefix}-b`, `${prefix}-a`, `${prefix}-b`]) {
          const event = newEvent();
          appends.push({
            event,
            position: (await store.append(streamId, [event], 'any')).position,
          });
        }
        const batch = [newEvent(), newEvent()];
        const batchResult = await store.append(`${prefix}-c`, batch, 'no_stream');

        const events = await store.readAll({ after: start, filter: { streamPrefixes: [prefix] } });

        expect(events.map((event) => event.id)).toEqual(
          [...appends.map(({ event }) => event), ...batch].map((event) => event.id),
        );
        expect(events.map((event) => event.revision)).toEqual([0, 0, 1, 1, 0, 1]);
        expect(events.slice(0, 4).map((event) => event.position)).toEqual(
          appends.map(({ position }) => position),
        );
        expect(events[5].position).toBe(batchResult.position);
        expect(new Set(events.map((event) => event.position)).size).toBe(events.length);
      });
    });

    describe('expected revision', () => {
      it("rejects 'no_stream' when the stream exists, writing nothing", async () => {
        const streamId = `exists-${randomUUID()}`;
        await store.append(streamId, [newEvent()], 'no_stream');

        const error = await captureError(store.append(streamId, [newEvent()], 'no_stream'));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 'no_stream', actual: 0 });
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('rejects a stale or future exact revision, and accepts the current one', async () => {
        const streamId = `exact-${randomUUID()}`;
        await store.append(streamId, [newEvent(), newEvent()], 'no_stream');

        for (const stale of [0, 5]) {
          const error = await captureError(store.append(streamId, [newEvent()], stale));
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId, expected: stale, actual: 1 });
        }
        expect(await store.append(streamId, [newEvent()], 1)).toMatchObject({ nextRevision: 2 });
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('rejects an exact revision on a missing stream', async () => {
        const streamId = `absent-${randomUUID()}`;

        const error = await captureError(store.append(streamId, [newEvent()], 0));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 0, actual: 'no_stream' });
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it("appends with 'any' to a new and to an existing stream", async () => {
        const streamId = `any-${randomUUID()}`;

        expect(await store.append(streamId, [newEvent()], 'any')).toMatchObject({
          nextRevision: 0,
        });
        expect(await store.append(streamId, [newEvent()], 'any')).toMatchObject({
          nextRevision: 1,
        });
        expect(await store.readStream(streamId)).toHaveLength(2);
      });
    });

    describe('idempotency', () => {
      it('answers a re-append of the same event ids with the original result, writing nothing', async () => {
        const streamId = `idempotent-${randomUUID()}`;
        const batch = [newEvent(), newEvent()];
        const original = await store.append(streamId, batch, 'no_stream');

        expect(await store.append(streamId, batch, 'no_stream')).toEqual(original);
        expect(await store.readStream(streamId)).toHaveLength(2);

        const next = [newEvent()];
        const nextResult = await store.append(streamId, next, 1);
        // Still the original answer once the stream has moved past the expected revision.
        expect(await store.append(streamId, batch, 'no_stream')).toEqual(original);
        expect(await store.append(streamId, next, 1)).toEqual(nextResult);
        expect((await store.readStream(streamId)).map((event) => event.id)).toEqual(
          [...batch, ...next].map((event) => event.id),
        );
      });

      it('rejects a batch whose ids only partly match what is stored', async () => {
        const streamId = `partial-${randomUUID()}`;
        const [first, second] = [newEvent(), newEvent()];
        await store.append(streamId, [first, second], 'no_stream');

        const error = await captureError(store.append(streamId, [first, newEvent()], 'no_stream'));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });
    });

    describe('readAll', () => {
      it('reads after a position, up to maxCount, filtered by stream prefix and exact type', async () => {
        const prefix = `read-${randomUUID()}`;
        const start = await startPosition();
        const o1 = await appendOne(`${prefix}-orders-1`, 'OrderPlaced');
        const u1 = await appendOne(`${prefix}-users-1`, 'UserRegistered');
        const afterU1 = (await store.readStream(`${prefix}-users-1`))[0].position;
        const o2 = await appendOne(`${prefix}-orders-2`, 'OrderPlacedV2');
        const o3 = await appendOne(`${prefix}-orders-1`, 'OrderShipped');
        const ids = async (options: Parameters<EventStore['readAll']>[0]) =>
          (await store.readAll(options)).map((event) => event.id);
        const inTest = [prefix];

        expect(await ids({ after: start, filter: { streamPrefixes: inTest } })).toEqual(
          [o1, u1, o2, o3].map((e) => e.id),
        );
        expect(await ids({ after: afterU1, filter: { streamPrefixes: inTest } })).toEqual(
          [o2, o3].map((e) => e.id),
        );
        expect(
          await ids({ after: start, maxCount: 2, filter: { streamPrefixes: inTest } }),
        ).toEqual([o1, u1].map((e) => e.id));
        expect(
          await ids({ after: start, filter: { streamPrefixes: [`${prefix}-orders-`] } }),
        ).toEqual([o1, o2, o3].map((e) => e.id));
        expect(
          await ids({
            after: start,
            filter: { streamPrefixes: [`${prefix}-orders-1`, `${prefix}-users-`] },
          }),
        ).toEqual([o1, u1, o3].map((e) => e.id));
        expect(
          await ids({
            after: start,
            filter: { streamPrefixes: inTest, eventTypes: ['OrderPlaced'] },
          }),
        ).toEqual([o1.id]);
        expect(
          await ids({
            after: start,
            filter: { streamPrefixes: inTest, eventTypes: ['OrderPlaced', 'UserRegistered'] },
          }),
        ).toEqual([o1, u1].map((e) => e.id));
      });

      it('filters by type alone, from the beginning', async () => {
        const type = `Unique${randomUUID().replaceAll('-', '')}`;
        const wanted = [await appendOne(`typed-${randomUUID()}`, type)];
        await appendOne(`typed-${randomUUID()}`, `${type}V2`);
        wanted.push(await appendOne(`typed-${randomUUID()}`, type));

        const events = await store.readAll({ filter: { eventTypes: [type] } });

        expect(events.map((event) => event.id)).toEqual(wanted.map((event) => event.id));
      });
    });

    describe('countEvents', () => {
      // A store that cannot count cheaply says so (undefined) rather than guessing.
      it('counts what readAll would read with the same filter, or says it cannot', async () => {
        const prefix = `count-${randomUUID()}`;
        await appendOne(`${prefix}-a-1`, 'Counted');
        await appendOne(`${prefix}-a-2`, 'Counted');
        await appendOne(`${prefix}-a-1`, 'Skipped');
        await appendOne(`${prefix}-b-1`, 'Counted');
        const counts = await Promise.all([
          store.countEvents({ streamPrefixes: [`${prefix}-a-`] }),
          store.countEvents({ streamPrefixes: [prefix], eventTypes: ['Counted'] }),
          store.countEvents({ streamPrefixes: [`${prefix}-c-`] }),
        ]);
        if (counts.every((count) => count === undefined)) return;
        expect(counts).toEqual([3, 3, 0]);
      });
    });

    describe('subscribeToAll', () => {
      it('delivers history, then onCaughtUp once, then live events, in order and once', async () => {
        const prefix = `live-${randomUUID()}`;
        const start = await startPosition();
        const history = [
          await appendOne(`${prefix}-a`),
          await appendOne(`${prefix}-b`),
          await appendOne(`${prefix}-a`),
        ];
        const received: RecordedEvent[] = [];
        const deliveredAtCaughtUp: number[] = [];

        subscribe({
          after: start,
          filter: { streamPrefixes: [prefix] },
          onEvent: async (event) => void received.push(event),
          onCaughtUp: () => deliveredAtCaughtUp.push(received.length),
        });
        await eventually('onCaughtUp', () => deliveredAtCaughtUp.length > 0);
        const live = [await appendOne(`${prefix}-b`), await appendOne(`${prefix}-c`)];
        await eventually('the live events', () => received.length >= 5);
        // A last event proves no duplicate of the earlier ones was still on its way.
        const sentinel = await appendOne(`${prefix}-a`);
        await eventually('the sentinel', () => received.some((event) => event.id === sentinel.id));

        expect(deliveredAtCaughtUp).toEqual([3]);
        expect(received.map((event) => event.id)).toEqual(
          [...history, ...live, sentinel].map((event) => event.id),
        );
        expect(received.map((event) => `${event.streamId}@${event.revision}`)).toEqual(
          ['a@0', 'b@0', 'a@1', 'b@1', 'c@0', 'a@2'].map((at) => `${prefix}-${at}`),
        );
      });

      it('resumes after a saved checkpoint with only the later events', async () => {
        const prefix = `resume-${randomUUID()}`;
        const checkpointName = `projection-${randomUUID()}`;
        const start = await startPosition();
        const first = [await appendOne(prefix), await appendOne(prefix), await appendOne(prefix)];
        const received: RecordedEvent[] = [];
        expect(await opened.checkpoints.load(checkpointName)).toBeUndefined();

        const before = subscribe({
          after: start,
          filter: { streamPrefixes: [prefix] },
          onEvent: async (event) => {
            received.push(event);
            if (event.id === first[1].id)
              await opened.checkpoints.save(checkpointName, event.position);
          },
        });
        await eventually('the first events', () => received.length === 3);
        await before.stop();
        const later = [await appendOne(prefix), await appendOne(prefix)];
        const checkpoint = await opened.checkpoints.load(checkpointName);
        expect(checkpoint).toBe(received[1].position);

        const resumed: RecordedEvent[] = [];
        subscribe({
          after: checkpoint,
          filter: { streamPrefixes: [prefix] },
          onEvent: async (event) => void resumed.push(event),
        });
        await eventually('the events after the checkpoint', () => resumed.length >= 3);

        expect(resumed.map((event) => event.id)).toEqual(
          [first[2], ...later].map((event) => event.id),
        );
        await opened.checkpoints.save(checkpointName, resumed[2].position);
        expect(await opened.checkpoints.load(checkpointName)).toBe(resumed[2].position);
      });

      it('stops and calls onError when onEvent rejects', async () => {
        const prefix = `failing-${randomUUID()}`;
        const start = await startPosition();
        const events = [await appendOne(prefix), await appendOne(prefix), await appendOne(prefix)];
        const failure = new Error('projection failed');
        const attempted: string[] = [];
        const errors: Error[] = [];

        const failing = subscribe({
          after: start,
          filter: { streamPrefixes: [prefix] },
          onEvent: async (event) => {
            attempted.push(event.id);
            if (attempted.length === 2) throw failure;
          },
          onError: (error) => errors.push(error),
        });
        await eventually('onError', () => errors.length > 0);
        await failing.stop();
        // Once a healthy subscription has seen a later event, the failed one has had its chance.
        events.push(await appendOne(prefix));
        const healthy: RecordedEvent[] = [];
        subscribe({
          after: start,
          filter: { streamPrefixes: [prefix] },
          onEvent: async (event) => void healthy.push(event),
        });
        await eventually('the healthy subscription', () => healthy.length === 4);

        expect(errors).toEqual([failure]);
        expect(attempted).toEqual([events[0].id, events[1].id]);
      });

      it('finds the one matching event among 200,000 and resumes past every event it read', async () => {
        const prefix = `sparse-${randomUUID()}`;
        const start = await startPosition();
        const noise = (part: string) =>
          Array.from({ length: 100 }, (_, n) =>
            store.append(`noise-${part}-${n}-${randomUUID()}`, noiseEvents(1000), 'no_stream'),
          );
        for (const append of noise('before')) await append;
        const match = await appendOne(`${prefix}-a`);
        for (const append of noise('after')) await append;

        const received: RecordedEvent[] = [];
        const checkpoints: string[] = [];
        let caughtUp = false;
        subscribe({
          after: start,
          filter: { streamPrefixes: [prefix] },
          onEvent: async (event) => void received.push(event),
          onCheckpoint: (position) => void checkpoints.push(position),
          onCaughtUp: () => (caughtUp = true),
        });
        await eventually('the catch-up', () => caughtUp, { timeoutMs: 50_000 });
        expect(received.map((event) => event.id)).toEqual([match.id]);
        // The cursor moved past the 100,000 events after the match, not only to the match.
        const resumeAt = checkpoints.at(-1)!;
        expect(resumeAt).toBeDefined();
        expect(resumeAt).not.toBe(received[0].position);

        const resumed: RecordedEvent[] = [];
        let resumedCaughtUp = false;
        subscribe({
          after: resumeAt,
          filter: { streamPrefixes: [prefix] },
          onEvent: async (event) => void resumed.push(event),
          onCaughtUp: () => (resumedCaughtUp = true),
        });
        await eventually('the resumed catch-up', () => resumedCaughtUp);
        const later = await appendOne(`${prefix}-b`);
        await eventually('the later match', () => resumed.length > 0);
        expect(resumed.map((event) => event.id)).toEqual([later.id]);
      }, 120_000);

      it('starts no onEvent once stop() has resolved', async () => {
        const prefix = `stopped-${randomUUID()}`;
        const start = await startPosition();
        const received: RecordedEvent[] = [];
        let caughtUp = false;
        const stopped = subscribe({
          after: start,
          filter: { streamPrefixes: [prefix] },
          onEvent: async (event) => void received.push(event),
          onCaughtUp: () => (caughtUp = true),
        });
        await eventually('onCaughtUp', () => caughtUp);
        const before = await appendOne(prefix);
        await eventually('the live event', () => received.length === 1);

        await stopped.stop();
        await appendOne(prefix);
        const witness: RecordedEvent[] = [];
        subscribe({
          after: start,
          filter: { streamPrefixes: [prefix] },
          onEvent: async (event) => void witness.push(event),
        });
        await eventually('a second subscription to see both events', () => witness.length === 2);

        expect(received.map((event) => event.id)).toEqual([before.id]);
      });
    });
  });
}

/** Small events in bulk, for histories the filters under test must not match. */
function noiseEvents(count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => ({
    id: randomUUID(),
    type: 'Noise',
    data: { n },
    metadata: null,
  }));
}

function newEvent(type = 'TestEvent'): EventToAppend {
  return {
    id: randomUUID(),
    type,
    data: { value: randomUUID(), count: 3, nested: { text: 'Zoë – ✓' }, list: [1, null, true] },
    metadata: { correlationId: randomUUID() },
  };
}

async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
