import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointStore, EventStore, createEventStore } from '@pms-hub/event-store';
import { MessagePublisher, OutgoingMessage, hubTopics } from '@pms-hub/messaging';
import { eventually } from '@pms-hub/testing';
import { EventForwarder, FORWARDER_CHECKPOINT } from './event-forwarder';
import { commandResultOf } from '../../scheduling/command-result.message';

/** Records what reached "the broker"; fails the sends the test asks it to. */
class ControlledPublisher implements MessagePublisher {
  readonly acknowledged: string[] = [];
  failures = 0;

  async publish(batches: readonly { topic: string; messages: readonly OutgoingMessage[] }[]) {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('broker unavailable');
    }
    for (const { topic, messages } of batches) {
      if (topic.endsWith('pms.events')) {
        this.acknowledged.push(...messages.map((m) => String(m.headers?.['event-id'])));
      }
    }
  }
}

describe('EventForwarder (real embedded store; a publisher the test controls)', () => {
  let dir: string;
  let store: EventStore;
  let checkpoints: CheckpointStore;
  const saved: string[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-forwarder-'));
    ({ store, checkpoints } = createEventStore({
      kind: 'embedded',
      path: join(dir, 'events.sqlite'),
    }));
    saved.length = 0;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function appendEvents(n: number): Promise<{ id: string; position: string }[]> {
    const appended = [];
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      const { position } = await store.append(
        `booking-${randomUUID()}`,
        [
          {
            id,
            type: 'BookingRequested',
            data: {},
            metadata: { officeId: 'o', correlationId: 'c' },
          },
        ],
        'no_stream',
      );
      appended.push({ id, position });
    }
    return appended;
  }

  /**
   * Checkpoints as saved, each checked against what the broker had acknowledged by then: every
   * event up to the saved position (embedded positions are sequence numbers) must be there.
   */
  function watchedCheckpoints(publisher: ControlledPublisher): CheckpointStore {
    return {
      load: (name) => checkpoints.load(name),
      save: async (name, position) => {
        const all = await store.readAll();
        const covered = all.filter((e) => Number(e.position) <= Number(position));
        expect(publisher.acknowledged).toEqual(expect.arrayContaining(covered.map((e) => e.id)));
        saved.push(position);
        await checkpoints.save(name, position);
      },
    };
  }

  it('never saves a checkpoint ahead of what the broker acknowledged', async () => {
    const events = await appendEvents(5);
    const publisher = new ControlledPublisher();
    const forwarder = new EventForwarder(
      store,
      watchedCheckpoints(publisher),
      publisher,
      hubTopics(),
      commandResultOf,
      () => undefined,
    );
    await forwarder.start();
    await eventually('the broker to acknowledge', () => publisher.acknowledged.length === 5);
    await forwarder.stop();
    expect(publisher.acknowledged).toEqual(events.map((e) => e.id));
    expect(await checkpoints.load(FORWARDER_CHECKPOINT)).toBe(events[4].position);
  });

  it('resumes after a failed publish from the last acknowledged event: nothing skipped', async () => {
    const events = await appendEvents(3);
    const publisher = new ControlledPublisher();
    const errors: string[] = [];
    const forwarder = new EventForwarder(
      store,
      watchedCheckpoints(publisher),
      publisher,
      hubTopics(),
      commandResultOf,
      (_l, m) => errors.push(m),
    );
    await forwarder.start();
    await eventually('the broker to acknowledge', () => publisher.acknowledged.length === 3);
    publisher.failures = 1;
    const more = await appendEvents(2);
    await eventually('the broker to acknowledge', () => publisher.acknowledged.length === 5);
    await forwarder.stop();
    expect(saved.length).toBeGreaterThan(0);
    expect(errors).toEqual([expect.stringMatching(/broker unavailable/)]);
    expect(publisher.acknowledged).toEqual([...events, ...more].map((e) => e.id));
  });

  it('starts after the saved checkpoint', async () => {
    const events = await appendEvents(4);
    await checkpoints.save(FORWARDER_CHECKPOINT, events[1].position);
    const publisher = new ControlledPublisher();
    const forwarder = new EventForwarder(
      store,
      checkpoints,
      publisher,
      hubTopics(),
      commandResultOf,
      () => undefined,
    );
    await forwarder.start();
    await eventually('the broker to acknowledge', () => publisher.acknowledged.length === 2);
    await forwarder.stop();
    expect(publisher.acknowledged).toEqual([events[2].id, events[3].id]);
  });
});
