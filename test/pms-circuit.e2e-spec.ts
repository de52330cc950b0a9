import { RunningDentrixSimulator, startDentrixSimulator } from '@pms-hub/pms-simulators';
import { RunningHub } from '../apps/hub/src/hub';
import { createEventStore } from '@pms-hub/event-store';
import { eventually } from '@pms-hub/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from './support/http';
import { startInProcessHub } from './support/in-process-hub';
import { TEST_CREDENTIALS } from './support/offices-file';

const OFFICE = 'circuit-office';
const OTHER = 'healthy-office';

describe('the circuit breaker in front of an office PMS (in-process hub, real simulators over HTTP)', () => {
  let failing: RunningDentrixSimulator;
  let healthy: RunningDentrixSimulator;
  let hub: RunningHub & { dataDir: string };

  beforeAll(async () => {
    failing = await startDentrixSimulator({ credentials: TEST_CREDENTIALS, port: 0 });
    healthy = await startDentrixSimulator({ credentials: TEST_CREDENTIALS, port: 0 });
    const office = (officeId: string, url: string) => ({
      officeId,
      connection: { pmsType: 'dentrix' as const, baseUrl: url, ...TEST_CREDENTIALS },
    });
    hub = await startInProcessHub([office(OFFICE, failing.url), office(OTHER, healthy.url)], {
      resilience: { readRetries: 0, failuresToOpen: 3, openCooldownMs: 300 },
    });
  });
  afterAll(async () => {
    await hub.close();
    await failing.close();
    await healthy.close();
  });

  const availability = (officeId: string) =>
    request('GET', `${hub.url}/offices/${officeId}/availability?date=2030-01-08`);
  const calls = () => failing.state.requestCounts.get('POST /api/appointments/availability') ?? 0;

  it('opens after the configured failures, fails fast, closes after a probe; both are events', async () => {
    failing.state.faults.set({ outage: true });
    for (let i = 0; i < 3; i++) expect((await availability(OFFICE)).status).toBe(504);
    const sent = calls();

    const fast = await availability(OFFICE);
    expect(fast.status).toBe(503);
    expect(fast.body.message).toMatch(/circuit open/);
    expect(calls()).toBe(sent);
    expect((await availability(OTHER)).status).toBe(200);

    failing.state.faults.reset();
    const back = await eventually('the probe to close the circuit', async () => {
      const answer = await availability(OFFICE);
      return answer.status === 200 ? answer : undefined;
    });
    expect(back.body.length).toBeGreaterThan(0);

    // A second handle on the hub's store file, as an auditor's tool would open it.
    const { store } = createEventStore({
      kind: 'embedded',
      path: join(hub.dataDir, 'events.sqlite'),
    });
    try {
      const changes = await eventually('three recorded changes', async () => {
        const recorded = await store.readStream(`pms-circuit-${OFFICE}`);
        return recorded.length >= 3 ? recorded : undefined;
      });
      expect(changes.map((e) => [e.type, (e.data as any).from, (e.data as any).to])).toEqual([
        ['PmsCircuitChanged', 'closed', 'open'],
        ['PmsCircuitChanged', 'open', 'half-open'],
        ['PmsCircuitChanged', 'half-open', 'closed'],
      ]);
      expect((changes[0].data as any).reason).toMatch(/3 consecutive failures/);
      expect(await store.readStream(`pms-circuit-${OTHER}`)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('answers 502 naming the problem when a PMS answers garbage, and keeps serving', async () => {
    healthy.state.faults.set({ malformedJson: true, routes: ['GET /api/locations'] });
    try {
      const garbled = await request('GET', `${hub.url}/offices/${OTHER}/locations`);
      expect(garbled.status).toBe(502);
      expect(garbled.body.message).toMatch(/dentrix listLocations for office healthy-office/);
    } finally {
      healthy.state.faults.reset();
    }
    expect((await request('GET', `${hub.url}/offices/${OTHER}/locations`)).status).toBe(200);
    expect((await availability(OTHER)).status).toBe(200);
  });

  it('closes in the store a circuit a stopped hub left open, so the next opening is recorded', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pms-hub-circuit-restart-'));
    const path = join(dataDir, 'events.sqlite');
    const seeded = createEventStore({ kind: 'embedded', path });
    const left = {
      pmsType: 'dentrix',
      from: 'closed',
      to: 'open',
      reason: 'the last hub saw 3 failures',
      changedAt: new Date().toISOString(),
    };
    const metadata = { commandId: 'c', correlationId: 'c', causationId: 'c', officeId: OTHER };
    await seeded.store.append(
      `pms-circuit-${OTHER}`,
      [{ id: randomUUID(), type: 'PmsCircuitChanged', data: left, metadata }],
      'no_stream',
    );
    await seeded.store.close();
    const office = {
      officeId: OTHER,
      connection: { pmsType: 'dentrix' as const, baseUrl: healthy.url, ...TEST_CREDENTIALS },
    };
    const restarted = await startInProcessHub([office], { dataDir });
    const { store } = createEventStore({ kind: 'embedded', path });
    try {
      const changes = await eventually('the restart to close the circuit', async () => {
        const recorded = await store.readStream(`pms-circuit-${OTHER}`);
        return recorded.length >= 2 ? recorded : undefined;
      });
      expect(changes.map((e) => [(e.data as any).from, (e.data as any).to])).toEqual([
        ['closed', 'open'],
        ['open', 'closed'],
      ]);
      expect((changes[1].data as any).reason).toMatch(
        /new PMS adapter: the circuit breaker starts closed/,
      );
    } finally {
      await store.close();
      await restarted.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
