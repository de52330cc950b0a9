import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { RunningHub } from '../apps/hub/src/hub';
import { request } from './support/http';
import { startInProcessHub } from './support/in-process-hub';

describe('liveness and readiness probes (in-process hub, embedded store)', () => {
  let hub: RunningHub & { dataDir: string };

  beforeAll(async () => {
    hub = await startInProcessHub([{ officeId: 'office-1', connection: { pmsType: 'dummy' } }]);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const get = (path: string) => request('GET', `${hub.url}${path}`);

  it('is live and ready while the store answers', async () => {
    expect(await get('/health/live')).toEqual({
      status: 200,
      body: { status: 'ok', info: {}, error: {}, details: {} },
    });
    expect(await get('/health/ready')).toEqual({
      status: 200,
      body: {
        status: 'ok',
        info: { 'event-store': { status: 'up' } },
        error: {},
        details: { 'event-store': { status: 'up' } },
      },
    });
  });

  it('keeps the health read model at /health/summary beside the probes', async () => {
    const summary = await get('/health/summary');
    expect(summary.status).toBe(200);
    expect(summary.body.counts).toEqual({ healthy: 0, degraded: 0, unhealthy: 0, unknown: 1 });
  });

  it('documents the probes in OpenAPI', async () => {
    const { paths } = (await get('/docs-json')).body;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/health/live', '/health/ready', '/health/summary']),
    );
  });

  // Last: the hub's own store is closed under it.
  it('turns not ready (503, the store down) once the store is closed, and stays live', async () => {
    await hub.app.get<EventStore>(EVENT_STORE).close();
    const ready = await get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({
      status: 'error',
      info: {},
      error: { 'event-store': { status: 'down', message: expect.any(String) } },
      details: { 'event-store': { status: 'down', message: expect.any(String) } },
    });
    expect((await get('/health/live')).status).toBe(200);
  });
});
