import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, createEventStore } from '@pms-hub/event-store';
import { CountingEventStore } from './counting.event-store';
import { HubMetrics } from './hub.metrics';

describe('CountingEventStore', () => {
  let dir: string;
  let inner: EventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-counting-'));
    ({ store: inner } = createEventStore({ kind: 'embedded', path: join(dir, 'events.sqlite') }));
  });
  afterEach(async () => {
    await inner.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a stream from the revision asked for', async () => {
    const store = new CountingEventStore(inner, new HubMetrics());
    const ids = ['a', 'b', 'c'].map((n) => `00000000-0000-4000-8000-00000000000${n}`);
    await store.append(
      'office-health-o1',
      ids.map((id) => ({ id, type: 'PmsHealthChecked', data: {}, metadata: {} })),
      'no_stream',
    );

    expect(
      (await store.readStream('office-health-o1', { fromRevision: 1 })).map((e) => e.id),
    ).toEqual(ids.slice(1));
    expect(await store.readStream('office-health-o1', { fromRevision: 3 })).toEqual([]);
  });
});
