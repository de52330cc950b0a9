import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { EventStore, RecordedEvent, createEventStore } from '@pms-hub/event-store';
import { eventually } from '@pms-hub/testing';
import { HubMetrics } from '../metrics/hub.metrics';
import { ReadModelProjection } from './read-model.projection';

/** Records the ids it applies, from the `model-` streams; fails once on the event it is told. */
class RecordingProjection extends ReadModelProjection {
  readonly applied: string[] = [];

  constructor(
    store: EventStore,
    private failOnce?: string,
    metrics?: HubMetrics,
  ) {
    super('recording', store, { streamPrefixes: ['model-'] }, metrics);
  }

  protected apply(event: RecordedEvent): void {
    if (event.id === this.failOnce) {
      this.failOnce = undefined;
      throw new Error('apply failed');
    }
    this.applied.push(event.id);
  }
}

describe('ReadModelProjection (real embedded store)', () => {
  let dir: string;
  let store: EventStore;
  let projection: RecordingProjection | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-read-model-'));
    ({ store } = createEventStore({ kind: 'embedded', path: join(dir, 'events.sqlite') }));
  });
  afterEach(async () => {
    await projection?.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  async function append(streamId: string): Promise<string> {
    const id = randomUUID();
    await store.append(streamId, [{ id, type: 'Recorded', data: {}, metadata: {} }], 'any');
    return id;
  }

  it('applies each event of its streams once, in store order, again after one failed', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const first = await append('model-a');
    await append('elsewhere-a');
    const failing = await append('model-b');
    const last = await append('model-a');
    projection = new RecordingProjection(store, failing);

    projection.start();
    await eventually('the events to be applied', () => projection!.applied.length === 3);

    expect(projection.applied).toEqual([first, failing, last]);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('apply failed'));
    expect(await projection.eventsBehind(10)).toBe(0);
  });

  it('reports under its name how many events of its streams it has not applied', async () => {
    const metrics = new HubMetrics();
    await append('model-a');
    await append('model-b');
    await append('elsewhere-a');
    projection = new RecordingProjection(store, undefined, metrics);
    const lag = async () =>
      (await metrics.render()).match(
        /^hub_projection_lag_events\{projection="recording"\} (\d+)$/m,
      )?.[1];

    expect(await lag()).toBe('2');
    projection.start();
    await eventually('the events to be applied', () => projection!.applied.length === 2);
    expect(await lag()).toBe('0');
  });
});
