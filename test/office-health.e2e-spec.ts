import { join } from 'node:path';
import { EventStore, createEventStore } from '@pms-hub/event-store';
import { RunningDentrixSimulator, startDentrixSimulator } from '@pms-hub/pms-simulators';
import { eventually } from '@pms-hub/testing';
import { RunningHub } from '../apps/hub/src/hub';
import { request } from './support/http';
import { startInProcessHub } from './support/in-process-hub';
import { TEST_CREDENTIALS } from './support/offices-file';

const TROUBLED = 'troubled-office';
const STEADY = 'steady-office';
const INTERVAL_MS = 200;

describe('health monitoring (in-process hub checking real Dentrix simulators over HTTP)', () => {
  let troubled: RunningDentrixSimulator;
  let steady: RunningDentrixSimulator;
  let hub: RunningHub & { dataDir: string };
  let store: EventStore;

  beforeAll(async () => {
    troubled = await startDentrixSimulator({ credentials: TEST_CREDENTIALS, port: 0 });
    steady = await startDentrixSimulator({ credentials: TEST_CREDENTIALS, port: 0 });
    const office = (officeId: string, url: string) => ({
      officeId,
      connection: { pmsType: 'dentrix' as const, baseUrl: url, ...TEST_CREDENTIALS },
    });
    hub = await startInProcessHub([office(TROUBLED, troubled.url), office(STEADY, steady.url)], {
      // Every check recorded, so the store shows each one this suite starts and stops; the
      // minute's summary of a quiet office has its own suite below.
      monitor: { enabled: true, intervalMs: INTERVAL_MS, concurrency: 8, recordEveryMs: 0 },
    });
    // A second handle on the hub's store file, as an auditor's tool would open it.
    store = createEventStore({ kind: 'embedded', path: join(hub.dataDir, 'events.sqlite') }).store;
  });
  afterAll(async () => {
    await store?.close();
    await hub?.close();
    await troubled?.close();
    await steady?.close();
  });

  const health = (officeId: string) => request('GET', `${hub.url}/offices/${officeId}/health`);
  const summary = async () => (await request('GET', `${hub.url}/health/summary`)).body;
  const statusBecomes = (officeId: string, status: string) =>
    eventually(`${officeId} to be ${status}`, async () => {
      const answer = await health(officeId);
      return answer.body.status === status ? answer.body : undefined;
    });
  const changes = async (officeId: string) =>
    (await store.readStream(`office-health-${officeId}`))
      .filter((e) => e.type === 'OfficeHealthChanged')
      .map((e) => [(e.data as any).from, (e.data as any).to]);
  const checks = async (officeId: string) =>
    (await store.readStream(`office-health-${officeId}`)).filter(
      (e) => e.type === 'PmsHealthChecked',
    ).length;

  it('reports both offices healthy once two checks agree, with the last check read', async () => {
    const view = await statusBecomes(TROUBLED, 'healthy');
    expect(view).toEqual({
      officeId: TROUBLED,
      pmsType: 'dentrix',
      status: 'healthy',
      lastCheck: expect.any(String),
      responseTime: expect.any(Number),
      endpoints: [
        {
          endpoint: 'GET /api/health',
          healthy: true,
          responseTimeMs: expect.any(Number),
          statusCode: 200,
        },
      ],
    });
    await statusBecomes(STEADY, 'healthy');
    expect(await summary()).toEqual({
      counts: { healthy: 2, degraded: 0, unhealthy: 0, unknown: 0 },
      worst: [],
    });
  });

  it('turns an office answering in 2 s degraded, the other staying healthy', async () => {
    troubled.state.faults.set({ latencyMs: 2000 });
    const view = await statusBecomes(TROUBLED, 'degraded');
    expect(view.responseTime).toBeGreaterThanOrEqual(1000);
    const { counts, worst } = await summary();
    expect(counts).toEqual({ healthy: 1, degraded: 1, unhealthy: 0, unknown: 0 });
    expect(worst.map((w: { officeId: string }) => w.officeId)).toEqual([TROUBLED]);
  });

  it('turns an office whose PMS is down unhealthy, naming the error', async () => {
    troubled.state.faults.set({ outage: true });
    const view = await statusBecomes(TROUBLED, 'unhealthy');
    expect(view.errorMessage).toMatch(/dentrix checkHealth for office troubled-office/);
    expect(view.endpoints[0]).toMatchObject({ healthy: false, statusCode: 503 });
    expect((await summary()).counts).toEqual({ healthy: 1, degraded: 0, unhealthy: 1, unknown: 0 });
  });

  it('brings it back to healthy after two good checks; the other never changed', async () => {
    troubled.state.faults.reset();
    await statusBecomes(TROUBLED, 'healthy');
    expect((await summary()).counts).toEqual({ healthy: 2, degraded: 0, unhealthy: 0, unknown: 0 });
    expect(await changes(TROUBLED)).toEqual([
      ['unknown', 'healthy'],
      ['healthy', 'degraded'],
      ['degraded', 'unhealthy'],
      ['unhealthy', 'healthy'],
    ]);
    expect(await changes(STEADY)).toEqual([['unknown', 'healthy']]);
  });

  it('stops checking on POST /monitoring/stop; refresh still checks now', async () => {
    expect((await request('POST', `${hub.url}/monitoring/stop`)).status).toBe(204);
    const before = [await checks(TROUBLED), await checks(STEADY)];
    // Nothing can be polled for an absence: wait five intervals and see nothing came.
    await new Promise((resolve) => setTimeout(resolve, 5 * INTERVAL_MS));
    expect([await checks(TROUBLED), await checks(STEADY)]).toEqual(before);

    const refreshed = await request('POST', `${hub.url}/monitoring/refresh?officeId=${STEADY}`);
    expect(refreshed.status).toBe(204);
    expect([await checks(TROUBLED), await checks(STEADY)]).toEqual([before[0], before[1] + 1]);
    expect((await request('POST', `${hub.url}/monitoring/refresh`)).status).toBe(204);
    expect([await checks(TROUBLED), await checks(STEADY)]).toEqual([before[0] + 1, before[1] + 2]);
  });

  it('restarts one office on POST /offices/:id/monitoring/start, and all on /monitoring/start', async () => {
    const started = await request('POST', `${hub.url}/offices/${STEADY}/monitoring/start`);
    expect(started.status).toBe(204);
    const troubledBefore = await checks(TROUBLED);
    const steadyBefore = await checks(STEADY);
    await eventually('the steady office checked again', async () =>
      (await checks(STEADY)) >= steadyBefore + 3 ? true : undefined,
    );
    expect(await checks(TROUBLED)).toBe(troubledBefore);

    expect((await request('POST', `${hub.url}/offices/${STEADY}/monitoring/stop`)).status).toBe(
      204,
    );
    expect((await request('POST', `${hub.url}/monitoring/start`)).status).toBe(204);
    await eventually('the troubled office checked again', async () =>
      (await checks(TROUBLED)) >= troubledBefore + 3 ? true : undefined,
    );
  });

  it('answers 404 for an unknown office', async () => {
    expect((await health('nope')).status).toBe(404);
    expect((await request('POST', `${hub.url}/offices/nope/monitoring/start`)).status).toBe(404);
    expect((await request('POST', `${hub.url}/offices/nope/monitoring/stop`)).status).toBe(404);
    expect((await request('POST', `${hub.url}/monitoring/refresh?officeId=nope`)).status).toBe(404);
  });

  it('documents the routes in OpenAPI', async () => {
    const { paths } = (await request('GET', `${hub.url}/docs-json`)).body;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/offices/{officeId}/health',
        '/health/summary',
        '/monitoring/start',
        '/monitoring/stop',
        '/monitoring/refresh',
        '/offices/{officeId}/monitoring/start',
        '/offices/{officeId}/monitoring/stop',
      ]),
    );
  });
});

describe('a quiet office under the default recording rules (in-process hub, dummy PMS)', () => {
  let hub: RunningHub & { dataDir: string };
  let store: EventStore;

  beforeAll(async () => {
    hub = await startInProcessHub([{ officeId: 'quiet', connection: { pmsType: 'dummy' } }], {
      monitor: { enabled: true, intervalMs: INTERVAL_MS, concurrency: 8, recordEveryMs: 60_000 },
    });
    store = createEventStore({ kind: 'embedded', path: join(hub.dataDir, 'events.sqlite') }).store;
  });
  afterAll(async () => {
    await store?.close();
    await hub?.close();
  });

  it('records its first check and status, then waits for the minute, while its view shows each check', async () => {
    const first = await eventually('the first check', async () => {
      const { body } = await request('GET', `${hub.url}/offices/quiet/health`);
      return body.status === 'healthy' ? body.lastCheck : undefined;
    });
    // Several checks later (the view moves with each), still under a minute since the first.
    const later = await eventually('five more checks', async () => {
      const { body } = await request('GET', `${hub.url}/offices/quiet/health`);
      return Date.parse(body.lastCheck) >= Date.parse(first) + 5 * INTERVAL_MS * 0.9
        ? body
        : undefined;
    });
    expect(later).toMatchObject({ status: 'healthy', endpoints: [{ healthy: true }] });
    const recorded = await store.readStream('office-health-quiet');
    expect(recorded.map(({ type }) => type)).toEqual(['PmsHealthChecked', 'OfficeHealthChanged']);
    expect((await request('GET', `${hub.url}/health/summary`)).body.counts.healthy).toBe(1);
  });
});
