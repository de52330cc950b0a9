import { randomUUID } from 'node:crypto';
import { EventStore, EventToAppend, RecordedEvent, RetentionPolicy } from './event-store.port';
import type { OpenedEventStore } from './event-store.conformance';
import { eventually } from '@pms-hub/testing';

const DAY_MS = 86_400_000;

/** A clock the test moves: events are recorded at whatever time it says. */
interface TestClock {
  now(): Date;
  advanceDays(days: number): void;
}

/**
 * What `expire` must do in every store. Events in the past need a store that takes a clock
 * (`openWithClock`, the embedded one): a server that stamps events itself (EventStoreDB) runs
 * only the cases on young events, and the others are skipped by name.
 */
export function describeRetentionConformance(
  name: string,
  open: () => Promise<OpenedEventStore>,
  openWithClock?: (now: () => Date) => Promise<OpenedEventStore>,
): void {
  describe(`${name} retention conformance`, () => {
    const opened: OpenedEventStore[] = [];

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.dispose()));
    });

    const openStore = async (): Promise<EventStore> => {
      const store = await open();
      opened.push(store);
      return store.store;
    };

    it('refuses a policy with an empty prefix, which would select every stream, or a bad age', async () => {
      const store = await openStore();

      await expect(
        store.expire({ streamPrefixes: ['office-health-', ''], maxAgeMs: DAY_MS }),
      ).rejects.toThrow(/prefix 1 is empty/);
      for (const maxAgeMs of [0, -1, 1.5, Number.NaN]) {
        await expect(store.expire({ streamPrefixes: ['x-'], maxAgeMs })).rejects.toThrow(
          /invalid maxAgeMs/,
        );
      }
    });

    it('expires nothing younger than the max age, nor any stream outside the prefixes', async () => {
      const store = await openStore();
      const prefix = `young-${randomUUID()}`;
      const policy = { streamPrefixes: [`${prefix}-telemetry-`], maxAgeMs: DAY_MS };
      await store.append(`${prefix}-telemetry-1`, [newEvent(), newEvent()], 'no_stream');
      await store.append(`${prefix}-booking-1`, [newEvent()], 'no_stream');

      // Twice: a store that marks streams as it sees their appends has marked them by then.
      const first = await store.expire(policy);
      await store.append(`${prefix}-telemetry-1`, [newEvent()], 1);
      const second = await store.expire(policy);

      expect([first.removed, second.removed]).toEqual([0, 0]);
      expect(revisions(await store.readStream(`${prefix}-telemetry-1`))).toEqual([0, 1, 2]);
      expect(revisions(await store.readStream(`${prefix}-booking-1`))).toEqual([0]);
      expect(await store.append(`${prefix}-telemetry-1`, [newEvent()], 2)).toMatchObject({
        nextRevision: 3,
      });
    });

    (openWithClock ? describe : describe.skip)('on events recorded in the past', () => {
      let clock: TestClock;
      let store: EventStore;
      let checkpoints: OpenedEventStore['checkpoints'];

      beforeEach(async () => {
        clock = testClock();
        const clocked = await openWithClock!(() => clock.now());
        opened.push(clocked);
        ({ store, checkpoints } = clocked);
      });

      const TELEMETRY: RetentionPolicy = {
        streamPrefixes: ['office-health-', 'office-traffic-', 'pms-circuit-', 'monitor-instances'],
        maxAgeMs: 35 * DAY_MS,
      };
      const append = (stream: string, count: number) => store.append(stream, events(count), 'any');

      it("deletes a stream's old events but its last, and the next append continues the revisions", async () => {
        await append('office-health-a', 3);
        await append('pms-circuit-a', 2);
        clock.advanceDays(40);
        await append('office-health-a', 1);

        const result = await store.expire(TELEMETRY);

        expect(result.removed).toBe(4);
        expect(revisions(await store.readStream('office-health-a'))).toEqual([3]);
        // Nothing younger than the age: still its last event, kept.
        expect(revisions(await store.readStream('pms-circuit-a'))).toEqual([1]);
        expect(await store.append('pms-circuit-a', events(1), 1)).toMatchObject({
          nextRevision: 2,
        });
        expect(await store.append('office-health-a', events(1), 3)).toMatchObject({
          nextRevision: 4,
        });
        expect(revisions(await store.readStream('pms-circuit-a'))).toEqual([1, 2]);
      });

      it('keeps every stream outside the prefixes, however old, and the checkpoints', async () => {
        const kept = [
          'office-profile-a',
          'office-healthy-a',
          'booking-1',
          'patient-registration-1',
          'api-keys',
          'alert-1',
          'monitor-instance',
        ];
        for (const stream of kept) await append(stream, 3);
        await checkpoints.save('projection', '1');
        clock.advanceDays(400);
        await append('office-health-a', 1);

        expect((await store.expire(TELEMETRY)).removed).toBe(0);

        for (const stream of kept) {
          expect(revisions(await store.readStream(stream))).toEqual([0, 1, 2]);
        }
        expect(await checkpoints.load('projection')).toBe('1');
      });

      it('expires nothing with no prefix: an empty allow-list selects no stream', async () => {
        await append('office-health-a', 3);
        await append('booking-1', 3);
        clock.advanceDays(400);
        await append('booking-1', 1);

        expect((await store.expire({ streamPrefixes: [], maxAgeMs: DAY_MS })).removed).toBe(0);

        expect(revisions(await store.readStream('office-health-a'))).toEqual([0, 1, 2]);
        expect(revisions(await store.readStream('booking-1'))).toEqual([0, 1, 2, 3]);
      });

      it('starts the next run where the last stopped, removing only what aged since', async () => {
        await append('office-traffic-a', 3);
        clock.advanceDays(40);
        await append('office-traffic-a', 2);
        const first = await store.expire(TELEMETRY);
        clock.advanceDays(10);
        await append('office-traffic-a', 1);
        clock.advanceDays(30);
        await append('monitor-instances', 1);

        const second = await store.expire(TELEMETRY);

        expect([first.removed, second.removed]).toEqual([3, 2]);
        // The second run scanned on from where the first stopped, never from the start.
        expect(second.scanned?.after).toBe(first.scanned?.upTo);
        expect(revisions(await store.readStream('office-traffic-a'))).toEqual([5]);
        const third = await store.expire(TELEMETRY);
        expect(third).toMatchObject({ removed: 0, scanned: { after: second.scanned?.upTo } });
      });

      it("deletes the last event an earlier run kept once the stream's next event ages too", async () => {
        await append('pms-circuit-a', 2);
        clock.advanceDays(40);
        await append('office-health-a', 1);
        expect((await store.expire(TELEMETRY)).removed).toBe(1);
        await append('pms-circuit-a', 2);
        clock.advanceDays(40);
        await append('office-health-a', 1);

        expect((await store.expire(TELEMETRY)).removed).toBe(3);

        expect(revisions(await store.readStream('pms-circuit-a'))).toEqual([3]);
      });

      it('reads and subscribes across the gap, and resumes a checkpoint inside it', async () => {
        await append('office-health-a', 2);
        const { position: insideGap } = await append('booking-1', 1);
        await append('office-health-a', 2);
        clock.advanceDays(40);
        await append('office-health-a', 1);
        await append('booking-1', 1);
        await store.expire(TELEMETRY);

        const all = await store.readAll();
        expect(all.map(at)).toEqual(['booking-1@0', 'office-health-a@4', 'booking-1@1']);
        const received: RecordedEvent[] = [];
        const resumed: RecordedEvent[] = [];
        let caughtUp = false;
        const subscriptions = [
          store.subscribeToAll({
            onEvent: async (event) => void received.push(event),
            onCaughtUp: () => (caughtUp = true),
          }),
          store.subscribeToAll({
            after: insideGap,
            onEvent: async (event) => void resumed.push(event),
          }),
        ];
        try {
          await eventually('the catch-up', () => caughtUp);
          await append('office-health-a', 1);
          await eventually('the live event', () => received.length === 4 && resumed.length === 3);
        } finally {
          await Promise.all(subscriptions.map((subscription) => subscription.stop()));
        }
        expect(received.map(at)).toEqual([...all.map(at), 'office-health-a@5']);
        expect(resumed.map(at)).toEqual(['office-health-a@4', 'booking-1@1', 'office-health-a@5']);
      });

      it('deletes in batches, letting an append in between, and stops between two when aborted', async () => {
        for (let n = 0; n < 12; n++) await append(`office-traffic-${n}`, 1000);
        clock.advanceDays(40);
        const controller = new AbortController();
        let finished = false;
        const aborted = store.expire(TELEMETRY, { signal: controller.signal });
        void aborted.then(() => (finished = true));
        // The first batch is done; this append goes in while the run waits for the next.
        const appended = await append('office-traffic-0', 1);
        expect(finished).toBe(false);
        controller.abort();
        const partial = await aborted;

        const rest = await store.expire(TELEMETRY);

        expect(partial.removed).toBeGreaterThan(0);
        expect(partial.removed).toBeLessThan(12_000 - 12);
        expect(rest.scanned?.after).toBe(partial.scanned?.upTo);
        // Each stream's last event at the time of its batch stays: stream 0's until its next ages.
        expect(partial.removed + rest.removed).toBe(12_000 - 12);
        const stream0 = await store.readStream('office-traffic-0');
        expect(revisions(stream0)).toEqual([999, 1000]);
        expect(stream0[1].position).toBe(appended.position);
        expect(revisions(await store.readStream('office-traffic-11'))).toEqual([999]);
      });
    });
  });
}

function testClock(): TestClock {
  let time = Date.parse('2031-03-01T08:00:00.000Z');
  return {
    now: () => new Date(time),
    advanceDays: (days) => void (time += days * DAY_MS),
  };
}

const revisions = (events: readonly RecordedEvent[]): number[] =>
  events.map((event) => event.revision);

const at = (event: RecordedEvent): string => `${event.streamId}@${event.revision}`;

const events = (count: number): EventToAppend[] => Array.from({ length: count }, newEvent);

function newEvent(): EventToAppend {
  return { id: randomUUID(), type: 'TestEvent', data: { value: randomUUID() }, metadata: null };
}
