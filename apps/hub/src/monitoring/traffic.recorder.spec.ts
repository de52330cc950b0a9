import { EventStore, EventToAppend } from '@pms-hub/event-store';
import { TrafficRecorder } from './traffic.recorder';

/** Only `append` is used by the recorder: a fake that keeps what it was given. */
function fakeStore(fail = false) {
  const appended: { stream: string; events: readonly EventToAppend[]; expected: unknown }[] = [];
  const store = {
    append: async (stream: string, events: readonly EventToAppend[], expected: unknown) => {
      if (fail) throw new Error('store down');
      appended.push({ stream, events, expected });
      return { nextRevision: 0, position: '1' };
    },
  } as unknown as EventStore;
  return { store, appended };
}

const clock = (...isos: string[]) => {
  const times = isos.map((iso) => new Date(iso));
  return () => times.shift() ?? new Date('2099-01-01T00:00:00.000Z');
};
const call = { operation: 'listProviders', durationMs: 12, outcome: 'ok' as const };

describe('TrafficRecorder', () => {
  it('appends one rollup per office with calls, at any revision, for the interval since the last', async () => {
    const { store, appended } = fakeStore();
    const recorder = new TrafficRecorder(
      store,
      5000,
      () => undefined,
      clock('2026-11-26T10:00:00.000Z', '2026-11-26T10:00:05.000Z'),
    );
    recorder.record('a', 'dentrix', call);
    recorder.record('a', 'dentrix', { ...call, outcome: 'error', statusCode: 503 });
    recorder.record('b', 'dummy', call);
    await recorder.flush();
    expect(appended.map(({ stream, expected }) => [stream, expected])).toEqual([
      ['office-traffic-a', 'any'],
      ['office-traffic-b', 'any'],
    ]);
    expect(appended[0].events[0]).toMatchObject({
      type: 'PmsTrafficRolledUp',
      data: {
        pmsType: 'dentrix',
        from: '2026-11-26T10:00:00.000Z',
        to: '2026-11-26T10:00:05.000Z',
        operations: { listProviders: { count: 2, errors: 1, statusCodes: { '503': 1 } } },
      },
      metadata: { officeId: 'a', occurredAt: '2026-11-26T10:00:05.000Z' },
    });
  });

  it('appends nothing for an interval without calls', async () => {
    const { store, appended } = fakeStore();
    const recorder = new TrafficRecorder(store, 5000, () => undefined);
    await recorder.flush();
    expect(appended).toEqual([]);
  });

  it('appends the partial interval on close, and keeps no call after it', async () => {
    const { store, appended } = fakeStore();
    const recorder = new TrafficRecorder(store, 3_600_000, () => undefined);
    recorder.start();
    recorder.record('a', 'dentrix', call);
    await recorder.close();
    recorder.record('a', 'dentrix', call);
    await recorder.flush();
    expect(appended).toHaveLength(1);
  });

  it('reports a rollup the store refused, and drops it', async () => {
    const errors: string[] = [];
    const { store } = fakeStore(true);
    const recorder = new TrafficRecorder(store, 5000, (error) => errors.push(error.message));
    recorder.record('a', 'dentrix', call);
    await recorder.flush();
    expect(errors).toEqual([expect.stringMatching(/^a: traffic .* not recorded: store down$/)]);
  });
});
