import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CircuitState, pmsCircuitDecider, pmsCircuitStream } from '@pms-hub/domain';
import { EventStore, SqliteEventStore } from '@pms-hub/event-store';
import { decideAndAppend, factContext } from './append-decided';

const OFFICE = 'office-1';
const STREAM = pmsCircuitStream(OFFICE);

const change = (to: CircuitState) => ({
  pmsType: 'dentrix',
  from: 'closed' as const,
  to,
  reason: 'test',
  changedAt: '2031-01-01T00:00:00.000Z',
});

describe('decideAndAppend (real embedded store)', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-append-decided-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const decide = (on: EventStore, to: CircuitState) =>
    decideAndAppend(on, STREAM, pmsCircuitDecider, change(to), {
      context: () => factContext(OFFICE),
    });

  it('appends after events the store hides by age, at the revision the store reports', async () => {
    await decide(store, 'open');
    await decide(store, 'closed');
    // EventStoreDB reads a stream whose events are all older than its $maxAge as empty.
    const aged: EventStore = Object.create(store, { readStream: { value: async () => [] } });

    const { after } = await decide(aged, 'open');

    expect(after.revision).toBe(2);
    const recorded = await store.readStream(STREAM);
    expect(recorded.map(({ revision, data }) => [revision, (data as { to: string }).to])).toEqual([
      [0, 'open'],
      [1, 'closed'],
      [2, 'open'],
    ]);
  });
});
