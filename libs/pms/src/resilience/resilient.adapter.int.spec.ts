import { setTimeout as sleep } from 'node:timers/promises';
import {
  FaultSettings,
  RunningDentrixSimulator,
  startDentrixSimulator,
} from '@pms-hub/pms-simulators';
import { eventually } from '@pms-hub/testing';
import { DentrixAdapter } from '../dentrix/dentrix.adapter';
import { PmsAdapter, PmsError } from '../pms-adapter.port';
import { CircuitChange, ResilienceOptions } from './resilience.options';
import { ResilientPmsAdapter, withResilience } from './resilient.adapter';

// The decorator over real HTTP, against two Dentrix simulators: one per office.

const credentials = {
  username: 'hub-user',
  password: 'resilience-secret-pw',
  database: 'RESILIENCE_DB',
  apiKey: 'resilience-secret-key',
};
// 2030-01-07 is a Monday, a working day at the simulator.
const MONDAY = '2030-01-07';
const visit = (start: string) => ({
  patientId: 'DTX-P-000001',
  providerId: 'DTX-D-01',
  start,
  durationMinutes: 30,
});
const AVAILABILITY = 'POST /api/appointments/availability';
const BOOK = 'POST /api/appointments';
const SEARCH = 'GET /api/patients/search';
const PROVIDERS = 'GET /api/providers';

/** One call the decorator made to the Dentrix adapter, timed where the test can see it. */
interface Attempt {
  readonly operation: string;
  readonly startedAt: number;
  settledAt?: number;
  failure?: PmsError;
}

/**
 * The Dentrix adapter, recording each call the decorator makes: its start is no later than the
 * request reaches the PMS, its settling no earlier than the PMS answered. `afterAttempt` runs
 * before the decorator sees the outcome, e.g. to lift a fault between two attempts.
 */
function recorded(
  inner: PmsAdapter,
  attempts: Attempt[],
  afterAttempt: (attempt: Attempt) => void = () => undefined,
): PmsAdapter {
  return new Proxy(inner, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const attempt: Attempt = { operation: String(property), startedAt: Date.now() };
        attempts.push(attempt);
        try {
          return await value.apply(target, args);
        } catch (error) {
          attempt.failure = error as PmsError;
          throw error;
        } finally {
          attempt.settledAt = Date.now();
          afterAttempt(attempt);
        }
      };
    },
  });
}

const failureOf = (promise: Promise<unknown>): Promise<PmsError> =>
  promise.then(
    () => Promise.reject(new Error('expected a PmsError')),
    (error: unknown) => (error instanceof PmsError ? error : Promise.reject(error)),
  );

describe('ResilientPmsAdapter against Dentrix simulators over HTTP', () => {
  let simA: RunningDentrixSimulator;
  let simB: RunningDentrixSimulator;
  const opened: PmsAdapter[] = [];

  const dentrix = (sim: RunningDentrixSimulator, officeId: string) => {
    const adapter = new DentrixAdapter(
      { pmsType: 'dentrix', baseUrl: sim.url, ...credentials },
      { officeId },
    );
    opened.push(adapter);
    return adapter;
  };
  const resilient = (inner: PmsAdapter, officeId: string, options: ResilienceOptions = {}) => {
    const adapter: ResilientPmsAdapter = withResilience(inner, { officeId, ...options });
    opened.push(adapter);
    return adapter;
  };
  const faultA = (settings: FaultSettings) => simA.state.faults.set(settings);
  const countA = (route: string) => simA.state.requestCounts.get(route) ?? 0;

  beforeAll(async () => {
    [simA, simB] = await Promise.all([
      startDentrixSimulator({ credentials }),
      startDentrixSimulator({ credentials }),
    ]);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((adapter) => adapter.close?.()));
    simA.state.reset();
    simB.state.reset();
  });
  afterAll(async () => {
    await Promise.all([simA.close(), simB.close()]);
  });

  it("waits out a 429's Retry-After before calling that office again; another office is not held", async () => {
    faultA({ rateLimit: { retryAfterSeconds: 2, count: 1 } });
    const attempts: Attempt[] = [];
    const officeA = resilient(recorded(dentrix(simA, 'office-a'), attempts), 'office-a');
    const officeB = resilient(dentrix(simB, 'office-b'), 'office-b');
    const completed: string[] = [];

    const readA = officeA.getAvailability({ date: MONDAY }).then((slots) => {
      completed.push('office-a');
      return slots;
    });
    await eventually('the first attempt to settle', () => attempts[0]?.settledAt !== undefined);
    expect(attempts[0].failure).toMatchObject({ kind: 'invalid', statusCode: 429 });
    expect(attempts[0].failure?.retryAfterMs).toBe(2000);

    const slotsB = await officeB.getAvailability({ date: MONDAY });
    completed.push('office-b');
    const slotsA = await readA;

    expect(completed).toEqual(['office-b', 'office-a']);
    expect(slotsA.length).toBeGreaterThan(0);
    expect(slotsA).toEqual(slotsB);
    // The read was retried, and its retry sent no earlier than Retry-After allowed.
    expect(attempts).toHaveLength(2);
    expect(attempts[1].startedAt - attempts[0].settledAt!).toBeGreaterThanOrEqual(2000);
    expect(countA(AVAILABILITY)).toBe(2);
    expect(simB.state.requestCounts.get(AVAILABILITY)).toBe(1);
  });

  it('opens the circuit after 3 failures, fails fast without calling, and a probe after the cool-down closes it', async () => {
    const changes: CircuitChange[] = [];
    const officeA = resilient(dentrix(simA, 'office-a'), 'office-a', {
      failuresToOpen: 3,
      openCooldownMs: 500,
      readRetries: 0,
      onCircuitChange: (change) => void changes.push(change),
    });
    faultA({ outage: true });
    for (let i = 0; i < 3; i++) {
      expect(await failureOf(officeA.searchPatients({ lastName: 'Smith' }))).toMatchObject({
        kind: 'unknown-outcome',
        statusCode: 503,
      });
    }
    expect(changes).toEqual([
      {
        officeId: 'office-a',
        pmsType: 'dentrix',
        from: 'closed',
        to: 'open',
        at: expect.any(String),
        reason:
          '3 consecutive failures, last: dentrix searchPatients for office office-a: server error (503)',
      },
    ]);

    const read = await failureOf(officeA.searchPatients({ lastName: 'Smith' }));
    const write = await failureOf(officeA.bookAppointment(visit(`${MONDAY}T10:00:00Z`)));
    expect(read).toMatchObject({
      kind: 'unreachable',
      message:
        'dentrix searchPatients for office office-a: circuit open (the PMS kept failing), not sent',
    });
    expect(write).toMatchObject({
      kind: 'unreachable',
      message:
        'dentrix bookAppointment for office office-a: circuit open (the PMS kept failing), not sent',
    });
    expect(countA(SEARCH)).toBe(3);
    expect(countA(BOOK)).toBe(0);

    faultA({});
    await sleep(600);
    await expect(officeA.searchPatients({ lastName: 'Smith' })).resolves.toEqual(expect.any(Array));
    expect(countA(SEARCH)).toBe(4);
    // cockatiel 3 goes half-open lazily: on the first call after the cool-down, which probes.
    expect(changes.map(({ from, to, officeId }) => `${officeId}: ${from}→${to}`)).toEqual([
      'office-a: closed→open',
      'office-a: open→half-open',
      'office-a: half-open→closed',
    ]);
    expect(changes.slice(1).map((change) => change.reason)).toEqual([
      'cool-down of 500 ms over: this call probes the PMS',
      'probe answered: the PMS is back',
    ]);
  });

  it.each<[string, FaultSettings, number]>([
    ['a 500 (errorRate 1)', { errorRate: 1 }, 500],
    ['an outage (503)', { outage: true }, 503],
    ['a 429', { rateLimit: { retryAfterSeconds: 0 } }, 429],
  ])(
    'never sends a write twice: a booking answered %s reaches the PMS once',
    async (_l, fault, status) => {
      const officeA = resilient(dentrix(simA, 'office-a'), 'office-a', { readRetries: 5 });
      faultA(fault);
      const failure = await failureOf(officeA.bookAppointment(visit(`${MONDAY}T10:00:00Z`)));
      expect(failure.statusCode).toBe(status);
      expect(countA(BOOK)).toBe(1);
    },
  );

  it.each<[string, FaultSettings]>([
    ['500s (errorRate 1)', { errorRate: 1 }],
    ['503s (outage)', { outage: true }],
  ])('retries a read through %s lifted after two attempts, and succeeds', async (_label, fault) => {
    const attempts: Attempt[] = [];
    // The fault lifts after two failed attempts, before the decorator decides to retry.
    const inner = recorded(dentrix(simA, 'office-a'), attempts, () => {
      if (attempts.length === 2) faultA({});
    });
    const officeA = resilient(inner, 'office-a', { readRetries: 2, retryBaseDelayMs: 20 });
    faultA(fault);
    const slots = await officeA.getAvailability({ date: MONDAY });
    expect(slots.length).toBeGreaterThan(0);
    expect(attempts.map((attempt) => attempt.failure?.statusCode ?? 'ok')).toEqual([
      fault.outage ? 503 : 500,
      fault.outage ? 503 : 500,
      'ok',
    ]);
    expect(countA(AVAILABILITY)).toBe(3);
  });

  it('times out each attempt of a read the PMS never answers', async () => {
    const officeA = resilient(dentrix(simA, 'office-a'), 'office-a', {
      readTimeoutMs: 100,
      readRetries: 1,
      retryBaseDelayMs: 10,
    });
    faultA({ hang: true });
    const failure = await failureOf(officeA.getAvailability({ date: MONDAY }));
    expect(failure).toMatchObject({
      kind: 'unknown-outcome',
      message: 'dentrix getAvailability for office office-a: no answer within 100 ms',
    });
    expect(countA(AVAILABILITY)).toBe(2);
  });

  it('reports malformed JSON on a read as invalid, sent once, and not as an outage', async () => {
    const changes: CircuitChange[] = [];
    const officeA = resilient(dentrix(simA, 'office-a'), 'office-a', {
      failuresToOpen: 1,
      onCircuitChange: (change) => void changes.push(change),
    });
    faultA({ malformedJson: true });
    const failure = await failureOf(officeA.listProviders());
    expect(failure.kind).toBe('invalid');
    expect(failure.message).toMatch(
      /^dentrix listProviders for office office-a: unreadable answer \(.+\)$/,
    );
    expect(countA(PROVIDERS)).toBe(1);

    faultA({});
    await expect(officeA.listProviders()).resolves.toEqual(expect.any(Array));
    expect(changes).toEqual([]);
  });

  it('caches providers per office for the TTL', async () => {
    const officeA = resilient(dentrix(simA, 'office-a'), 'office-a', { referenceDataTtlMs: 500 });
    const first = await officeA.listProviders();
    expect(await officeA.listProviders()).toEqual(first);
    expect(countA(PROVIDERS)).toBe(1);

    await sleep(600);
    expect(await officeA.listProviders()).toEqual(first);
    expect(countA(PROVIDERS)).toBe(2);
  });
});
