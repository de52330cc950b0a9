import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PmsCall } from '@pms-hub/domain';
import { EventStore, createEventStore } from '@pms-hub/event-store';
import { RunningDentrixSimulator, startDentrixSimulator } from '@pms-hub/pms-simulators';
import { eventually } from '@pms-hub/testing';
import { OfficeDirectory } from '../apps/hub/src/offices/office-directory';
import { OfficePerformanceProjection } from '../apps/hub/src/monitoring/read-models/office-performance/office-performance.projection';
import { TrafficRecorder } from '../apps/hub/src/monitoring/traffic.recorder';
import { SqliteReadModelStore } from '../apps/hub/src/platform/read-models/sqlite.read-model.store';
import { RunningHub } from '../apps/hub/src/hub';
import { request } from './support/http';
import { startInProcessHub } from './support/in-process-hub';
import { TEST_CREDENTIALS } from './support/offices-file';

const OFFICE = 'busy-office';
const ROLLUP_MS = 200;
const GOOD_READS = 200;
const FAILED_READS = 20;
const AVAILABILITY_ROUTE = 'POST /api/appointments/availability';

/** Nearest rank, as the read model defines its percentiles. */
const nearestRank = (values: readonly number[], percent: number) =>
  [...values].sort((a, b) => a - b)[Math.ceil((percent * values.length) / 100) - 1];
const relativeError = (read: number, exact: number) => Math.abs(read - exact) / exact;

/** Runs `n` calls, `concurrency` at a time, so the script is quick but still overlaps calls. */
async function inParallel(n: number, concurrency: number, call: () => Promise<void>) {
  let started = 0;
  const worker = async () => {
    while (started < n) {
      started++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

describe('office performance (in-process hub reading a real Dentrix simulator with random latency)', () => {
  let simulator: RunningDentrixSimulator;
  let hub: RunningHub & { dataDir: string };
  let store: EventStore;
  /**
   * The ground truth for percentiles is what the hub measured, not the simulator's configured
   * latency (the hub's duration adds HTTP and event-loop time, a few % of a 5 ms call) nor the
   * client's (which adds the hub's own work). The recorder is spied on, calling through, so the
   * test sees exactly the observations the rollups were built from; the 1 % bound then holds by
   * construction of the histogram (0.5 %), whatever the machine's speed.
   */
  const observed = jest.spyOn(TrafficRecorder.prototype, 'record');
  const observedCalls = () =>
    observed.mock.calls.filter(([officeId]) => officeId === OFFICE).map(([, , call]) => call);

  beforeAll(async () => {
    simulator = await startDentrixSimulator({ credentials: TEST_CREDENTIALS, port: 0 });
    hub = await startInProcessHub(
      [
        {
          officeId: OFFICE,
          connection: { pmsType: 'dentrix', baseUrl: simulator.url, ...TEST_CREDENTIALS },
        },
      ],
      {
        trafficRollupMs: ROLLUP_MS,
        // One attempt per read and a circuit that stays closed: every read reaches the PMS once.
        resilience: { readRetries: 0, failuresToOpen: 1000 },
      },
    );
    store = createEventStore({ kind: 'embedded', path: join(hub.dataDir, 'events.sqlite') }).store;
  });
  afterAll(async () => {
    observed.mockRestore();
    await store?.close();
    await hub?.close();
    await simulator?.close();
  });

  const performance = (window?: string, officeId = OFFICE) =>
    request(
      'GET',
      `${hub.url}/offices/${officeId}/performance${window === undefined ? '' : `?window=${window}`}`,
    );
  const readAvailability = () =>
    request('GET', `${hub.url}/offices/${OFFICE}/availability?date=2030-01-08`);
  const rollups = async () =>
    (await store.readStream(`office-traffic-${OFFICE}`)).filter(
      (e) => e.type === 'PmsTrafficRolledUp',
    );

  it('reports no requests before any call', async () => {
    const answer = await performance('1h');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      officeId: OFFICE,
      pmsType: 'dentrix',
      window: '1h',
      overall: { requestCount: 0, successRate: null, p95Ms: null },
      operations: {},
    });
  });

  it('counts a scripted run exactly and reads its percentiles within 1 % of what the hub measured', async () => {
    simulator.state.faults.set({ latency: { minMs: 5, maxMs: 60 } });
    await inParallel(GOOD_READS, 8, async () => {
      expect((await readAvailability()).status).toBe(200);
    });
    simulator.state.faults.set({ outage: true, latency: { minMs: 5, maxMs: 60 } });
    await inParallel(FAILED_READS, 4, async () => {
      expect((await readAvailability()).status).not.toBe(200);
    });
    simulator.state.faults.set({});

    const total = GOOD_READS + FAILED_READS;
    const { body } = await eventually('every call rolled up', async () => {
      const answer = await performance('1h');
      return answer.body.overall.requestCount === total ? answer : undefined;
    });
    expect(simulator.state.requestCounts.get(AVAILABILITY_ROUTE)).toBe(total);
    const simulatorTotal = [...simulator.state.requestCounts.values()].reduce((a, b) => a + b, 0);
    expect(body.overall.requestCount).toBe(simulatorTotal);

    const calls: PmsCall[] = observedCalls();
    expect(calls).toHaveLength(total);
    expect(calls.filter((call) => call.outcome === 'error')).toEqual(
      Array.from({ length: FAILED_READS }, () => expect.objectContaining({ statusCode: 503 })),
    );
    const durations = calls.map((call) => call.durationMs);
    const figures = body.operations.getAvailability;
    expect(Object.keys(body.operations)).toEqual(['getAvailability']);
    expect(figures).toMatchObject({
      requestCount: total,
      successRate: GOOD_READS / total,
      errorRate: FAILED_READS / total,
    });
    expect(
      relativeError(figures.averageMs, durations.reduce((a, b) => a + b) / total),
    ).toBeLessThan(1e-9);
    for (const percent of [50, 95, 99]) {
      expect(relativeError(figures[`p${percent}Ms`], nearestRank(durations, percent))).toBeLessThan(
        0.01,
      );
    }
    // The simulator's latency is the floor of every duration the hub measured.
    expect(figures.p50Ms).toBeGreaterThanOrEqual(5 * 0.995);
    expect(body.overall).toEqual(figures);
  });

  it('appends one rollup per interval with traffic, and nothing while idle', async () => {
    const recorded = await rollups();
    expect(recorded.length).toBeGreaterThan(0);
    for (const { data } of recorded) {
      const { from, to, operations } = data as {
        from: string;
        to: string;
        operations: Record<string, { count: number; statusCodes: Record<string, number> }>;
      };
      expect(Date.parse(from)).toBeLessThan(Date.parse(to));
      expect(operations.getAvailability.count).toBeGreaterThan(0);
    }
    const failures = recorded.map(
      ({ data }) =>
        (data as { operations: { getAvailability: { statusCodes: Record<string, number> } } })
          .operations.getAvailability.statusCodes['503'] ?? 0,
    );
    expect(failures.reduce((a, b) => a + b)).toBe(FAILED_READS);
    // Nothing can be polled for an absence: wait five intervals and see nothing came.
    await new Promise((resolve) => setTimeout(resolve, 5 * ROLLUP_MS));
    expect(await rollups()).toHaveLength(recorded.length);
  });

  it('rebuilds the same read model from the store in a fresh projection', async () => {
    const live = hub.app.get(OfficePerformanceProjection);
    const fresh = new OfficePerformanceProjection(
      store,
      SqliteReadModelStore.open(':memory:'),
      hub.app.get(OfficeDirectory),
    );
    await fresh.start();
    try {
      const now = Date.now();
      await eventually('the fresh projection caught up', async () =>
        fresh.performance(OFFICE, '7d', now)?.overall.requestCount ===
        live.performance(OFFICE, '7d', now)?.overall.requestCount
          ? true
          : undefined,
      );
      for (const window of ['1h', '24h', '7d'] as const) {
        expect(fresh.performance(OFFICE, window, now)).toEqual(
          live.performance(OFFICE, window, now),
        );
      }
    } finally {
      await fresh.stop();
    }
  });

  it('defaults to 1h, answers 400 for another window and 404 for an unknown office', async () => {
    const [byDefault, oneHour] = [await performance(), await performance('1h')];
    expect(byDefault.status).toBe(200);
    expect({ ...byDefault.body, from: 0, to: 0 }).toEqual({ ...oneHour.body, from: 0, to: 0 });
    expect((await performance('24h')).body.overall.requestCount).toBe(GOOD_READS + FAILED_READS);
    expect((await performance('30d')).status).toBe(400);
    expect((await performance('1h', 'nope')).status).toBe(404);
  });

  it('documents the route in OpenAPI', async () => {
    const { paths } = (await request('GET', `${hub.url}/docs-json`)).body;
    expect(Object.keys(paths)).toContain('/offices/{officeId}/performance');
  });
});

describe('traffic rollup on hub close', () => {
  it('appends the last, partial interval before the store closes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pms-hub-traffic-close-'));
    try {
      // An hour-long interval: only close() can append this rollup during the test.
      const hub = await startInProcessHub(
        [{ officeId: 'quiet-office', connection: { pmsType: 'dummy' } }],
        { dataDir, trafficRollupMs: 3_600_000 },
      );
      expect((await request('GET', `${hub.url}/offices/quiet-office/providers`)).status).toBe(200);
      await hub.close();

      const { store } = createEventStore({
        kind: 'embedded',
        path: join(dataDir, 'events.sqlite'),
      });
      try {
        const recorded = await store.readStream('office-traffic-quiet-office');
        expect(recorded.map(({ type, data }) => [type, data])).toEqual([
          [
            'PmsTrafficRolledUp',
            expect.objectContaining({
              pmsType: 'dummy',
              operations: { listProviders: expect.objectContaining({ count: 1, errors: 0 }) },
            }),
          ],
        ]);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
