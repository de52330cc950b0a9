import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, EventStore } from '@pms-hub/event-store';
import { RunningHub } from '../apps/hub/src/hub';
import { request } from './support/http';
import { HubProcess, startHubProcess } from './support/hub-process';
import { startInProcessHub } from './support/in-process-hub';
import { kafkaBrokers } from './support/kafka';

describe('liveness and readiness probes (in-process hub, embedded store)', () => {
  let hub: RunningHub & { dataDir: string };

  beforeAll(async () => {
    hub = await startInProcessHub([{ officeId: 'office-1', connection: { pmsType: 'dummy' } }]);
  });
  afterAll(async () => {
    await hub?.close();
  });

  // Status and body only: the assertions below compare them whole.
  const get = async (path: string) => {
    const { status, body } = await request('GET', `${hub.url}${path}`);
    return { status, body };
  };

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

describe('readiness in Kafka mode (hub process, real Apache Kafka broker started by jest globalSetup)', () => {
  const brokers = kafkaBrokers();
  let dir: string;
  let hub: HubProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-readiness-kafka-'));
    const officesFile = join(dir, 'offices.json');
    writeFileSync(
      officesFile,
      JSON.stringify([{ officeId: 'office-1', connection: { pmsType: 'dummy' } }]),
    );
    const prefix = `t${randomUUID().slice(0, 8)}-readiness.`;
    hub = await startHubProcess({
      DATA_DIR: join(dir, 'data'),
      OFFICES_FILE: officesFile,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_GROUP_ID: `${prefix}hub`,
      KAFKA_COMMAND_PARTITIONS: '1',
      KAFKA_OUTPUT_PARTITIONS: '1',
      MONITOR_ENABLED: 'off',
    });
  });
  afterAll(async () => {
    await hub?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('is ready with both the event store and Kafka up', async () => {
    const ready = await request('GET', `${hub.url}/health/ready`);
    expect(ready.status).toBe(200);
    const up = { 'event-store': { status: 'up' }, kafka: { status: 'up' } };
    expect(ready.body).toEqual({ status: 'ok', info: up, error: {}, details: up });
    expect((await request('GET', `${hub.url}/health/live`)).status).toBe(200);
  });

  // Last: stops the hub.
  it('still exits cleanly on SIGTERM, the probe closed with the module', async () => {
    await request('GET', `${hub.url}/health/ready`);
    await hub.kill('SIGTERM');
    expect({ code: hub.child.exitCode, output: hub.output() }).toEqual({
      code: 0,
      output: expect.any(String),
    });
  });
});
