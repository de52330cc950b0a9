import { setTimeout as sleep } from 'node:timers/promises';
import { PmsAdapter, PmsError } from '../pms-adapter.port';
import { CircuitChange, ResilienceOptions } from './resilience.options';
import { ResilientPmsAdapter, withResilience } from './resilient.adapter';

// The decorator against an in-memory PMS whose answers each test scripts; the HTTP behaviour is
// covered against the Dentrix simulator in resilient.adapter.int.spec.ts.

const PROVIDER = { providerId: 'D-1', name: 'Dr One', locationIds: ['L-1'] };
const LOCATION = { locationId: 'L-1', name: 'Main' };
const PATIENT = { patientId: 'P-1', firstName: 'Ada', lastName: 'L', dateOfBirth: '1985-12-10' };
const VISIT = { patientId: 'P-1', providerId: 'D-1', start: '2030-01-07T10:00:00Z' };
const BOOKED = { appointmentId: 'A-1', ...VISIT, durationMinutes: 30 };

function scriptedPms() {
  return {
    pmsType: 'dentrix' as const,
    checkHealth: jest.fn(async () => ({ healthy: false, responseTimeMs: 1, endpoints: [] })),
    searchPatients: jest.fn(async () => [PATIENT]),
    getPatient: jest.fn(async () => PATIENT),
    createPatient: jest.fn(async () => PATIENT),
    listProviders: jest.fn(async () => [PROVIDER]),
    listLocations: jest.fn(async () => [LOCATION]),
    getAvailability: jest.fn(async () => []),
    bookAppointment: jest.fn(async () => BOOKED),
    cancelAppointment: jest.fn(async () => undefined),
    findAppointments: jest.fn(async () => [BOOKED]),
    close: jest.fn(async () => undefined),
  } satisfies PmsAdapter;
}

const down = () =>
  new PmsError('unknown-outcome', 'dentrix x for office o-1: server error (503)', 503);
const refused = () => new PmsError('invalid', 'dentrix x for office o-1: not found (404)', 404);
const rateLimited = (retryAfterMs: number) =>
  new PmsError('invalid', 'dentrix x for office o-1: rate limited (429)', 429, retryAfterMs);

const failureOf = (promise: Promise<unknown>): Promise<PmsError> =>
  promise.then(
    () => Promise.reject(new Error('expected a PmsError')),
    (error: unknown) => (error instanceof PmsError ? error : Promise.reject(error)),
  );

// Fast retries: these tests count attempts, not delays.
const FAST: ResilienceOptions = { retryBaseDelayMs: 1, retryMaxDelayMs: 2 };

describe('ResilientPmsAdapter (scripted PMS)', () => {
  let pms: ReturnType<typeof scriptedPms>;
  const opened: ResilientPmsAdapter[] = [];
  const resilient = (options: ResilienceOptions = {}, officeId = 'o-1') => {
    const adapter = withResilience(pms, { officeId, ...FAST, ...options });
    opened.push(adapter);
    return adapter;
  };

  beforeEach(() => {
    pms = scriptedPms();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((adapter) => adapter.close()));
  });

  describe('retries', () => {
    it.each<[string, PmsError]>([
      ['a 5xx', down()],
      ['a reset or timeout', new PmsError('unknown-outcome', 'x: connection failed (ECONNRESET)')],
      ['a refused connection', new PmsError('unreachable', 'x: unreachable (ECONNREFUSED)')],
      ['a 408', new PmsError('invalid', 'x: request timeout (408)', 408)],
      ['a 429', rateLimited(0)],
    ])('retries a read after %s, and succeeds', async (_label, error) => {
      pms.getAvailability.mockRejectedValueOnce(error);
      await expect(resilient().getAvailability({ date: '2030-01-07' })).resolves.toEqual([]);
      expect(pms.getAvailability).toHaveBeenCalledTimes(2);
    });

    it.each<[string, PmsError]>([
      ['a 404', refused()],
      ['a conflict', new PmsError('conflict', 'x: slot not available (409)', 409)],
      ['an auth failure', new PmsError('auth', 'x: authentication failed (401)', 401)],
      ['an unreadable answer', new PmsError('invalid', 'x: unreadable answer (missing ID)')],
    ])('does not retry a read refused with %s', async (_label, error) => {
      pms.getPatient.mockRejectedValue(error);
      await expect(resilient().getPatient('P-1')).rejects.toBe(error);
      expect(pms.getPatient).toHaveBeenCalledTimes(1);
    });

    it('gives up after readRetries, with the last failure', async () => {
      const last = down();
      pms.searchPatients.mockRejectedValueOnce(down()).mockRejectedValueOnce(down());
      pms.searchPatients.mockRejectedValueOnce(last);
      await expect(resilient({ readRetries: 2 }).searchPatients({})).rejects.toBe(last);
      expect(pms.searchPatients).toHaveBeenCalledTimes(3);
    });

    it('keeps a default for an option given as undefined', async () => {
      pms.findAppointments.mockRejectedValue(down());
      await failureOf(resilient({ readRetries: undefined }).findAppointments(VISIT));
      expect(pms.findAppointments).toHaveBeenCalledTimes(3);
    });

    it.each<[string, (adapter: PmsAdapter) => Promise<unknown>]>([
      ['createPatient', (adapter) => adapter.createPatient(PATIENT)],
      ['bookAppointment', (adapter) => adapter.bookAppointment({ ...VISIT, durationMinutes: 30 })],
      ['cancelAppointment', (adapter) => adapter.cancelAppointment('A-1')],
    ])('never retries a write: %s', async (operation, write) => {
      const method = pms[operation as 'createPatient'] as jest.Mock;
      for (const error of [down(), new PmsError('unreachable', 'x: refused'), rateLimited(0)]) {
        method.mockReset().mockRejectedValue(error);
        await expect(write(resilient({ readRetries: 5 }))).rejects.toBe(error);
        expect(method).toHaveBeenCalledTimes(1);
      }
    });
  });

  describe('timeouts', () => {
    it('gives up on a read attempt after readTimeoutMs', async () => {
      pms.listLocations.mockReturnValue(new Promise(() => undefined));
      const failure = await failureOf(
        resilient({ readTimeoutMs: 20, readRetries: 0 }).listLocations(),
      );
      expect(failure.kind).toBe('unknown-outcome');
      expect(failure.message).toBe('dentrix listLocations for office o-1: no answer within 20 ms');
    });

    it('leaves a slow write to finish: an abandoned write could land after the hub concluded', async () => {
      pms.bookAppointment.mockImplementation(() => sleep(60).then(() => BOOKED));
      const adapter = resilient({ readTimeoutMs: 10 });
      await expect(adapter.bookAppointment({ ...VISIT, durationMinutes: 30 })).resolves.toBe(
        BOOKED,
      );
    });
  });

  describe('circuit breaker', () => {
    const circuit = (options: ResilienceOptions = {}) => {
      const changes: CircuitChange[] = [];
      const adapter = resilient({
        failuresToOpen: 2,
        openCooldownMs: 50,
        readRetries: 0,
        onCircuitChange: (change) => void changes.push(change),
        ...options,
      });
      return { adapter, changes };
    };
    const transitions = (changes: CircuitChange[]) =>
      changes.map(({ from, to }) => `${from}→${to}`);

    it('opens after consecutive failures, fails fast without calling, and closes on a good probe', async () => {
      const { adapter, changes } = circuit();
      pms.bookAppointment.mockRejectedValue(down());
      const appointment = { ...VISIT, durationMinutes: 30 };
      await failureOf(adapter.bookAppointment(appointment));
      expect(changes).toEqual([]);
      await failureOf(adapter.bookAppointment(appointment));
      expect(changes).toEqual([
        {
          officeId: 'o-1',
          pmsType: 'dentrix',
          from: 'closed',
          to: 'open',
          at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
          reason: '2 consecutive failures, last: dentrix x for office o-1: server error (503)',
        },
      ]);

      const fast = await failureOf(adapter.listProviders());
      expect(fast.kind).toBe('unreachable');
      expect(fast.message).toBe(
        'dentrix listProviders for office o-1: circuit open (the PMS kept failing), not sent',
      );
      expect(pms.listProviders).not.toHaveBeenCalled();

      await sleep(60);
      await expect(adapter.listProviders()).resolves.toEqual([PROVIDER]);
      expect(transitions(changes)).toEqual(['closed→open', 'open→half-open', 'half-open→closed']);
      expect(changes[1].reason).toBe('cool-down of 50 ms over: this call probes the PMS');
      expect(changes[2].reason).toBe('probe answered: the PMS is back');
    });

    it('reopens when the probe fails', async () => {
      const { adapter, changes } = circuit();
      pms.getAvailability.mockRejectedValue(down());
      await failureOf(adapter.getAvailability({ date: '2030-01-07' }));
      await failureOf(adapter.getAvailability({ date: '2030-01-07' }));
      await sleep(60);
      await failureOf(adapter.getAvailability({ date: '2030-01-07' }));
      expect(transitions(changes)).toEqual(['closed→open', 'open→half-open', 'half-open→open']);
      expect(changes[2].reason).toBe('probe failed: dentrix x for office o-1: server error (503)');
      expect((await failureOf(adapter.getAvailability({ date: '2030-01-07' }))).kind).toBe(
        'unreachable',
      );
      expect(pms.getAvailability).toHaveBeenCalledTimes(3);
    });

    it('counts a refusal as an answer: it breaks the run of failures', async () => {
      const { adapter, changes } = circuit();
      pms.getPatient
        .mockRejectedValueOnce(down())
        .mockRejectedValueOnce(refused())
        .mockRejectedValueOnce(down());
      for (let i = 0; i < 3; i++) await failureOf(adapter.getPatient('P-1'));
      await expect(adapter.getPatient('P-1')).resolves.toBe(PATIENT);
      expect(changes).toEqual([]);
    });

    it('opens on the retries of one read, and stops retrying once open', async () => {
      const { adapter, changes } = circuit({ readRetries: 5 });
      pms.searchPatients.mockRejectedValue(down());
      expect((await failureOf(adapter.searchPatients({}))).kind).toBe('unreachable');
      expect(pms.searchPatients).toHaveBeenCalledTimes(2);
      expect(transitions(changes)).toEqual(['closed→open']);
    });

    it('keeps its own circuit per office', async () => {
      const first = circuit();
      const second = resilient({ failuresToOpen: 2, readRetries: 0 }, 'o-2');
      pms.getAvailability.mockRejectedValueOnce(down()).mockRejectedValueOnce(down());
      await failureOf(first.adapter.getAvailability({ date: '2030-01-07' }));
      await failureOf(first.adapter.getAvailability({ date: '2030-01-07' }));
      await expect(second.getAvailability({ date: '2030-01-07' })).resolves.toEqual([]);
    });

    it('still probes health while open: a health check must see the PMS as it is', async () => {
      const { adapter } = circuit();
      pms.getPatient.mockRejectedValue(down());
      await failureOf(adapter.getPatient('P-1'));
      await failureOf(adapter.getPatient('P-1'));
      await adapter.checkHealth();
      expect(pms.checkHealth).toHaveBeenCalledTimes(1);
    });

    it('reports a failing listener as a warning, and keeps the PMS outcome', async () => {
      const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
      try {
        const failing = circuit({ onCircuitChange: () => Promise.reject(new Error('store down')) });
        const throwing = circuit({
          onCircuitChange: () => {
            throw new Error('listener bug');
          },
        });
        pms.getPatient.mockRejectedValue(down());
        for (const { adapter } of [failing, throwing]) {
          await failureOf(adapter.getPatient('P-1'));
          expect((await failureOf(adapter.getPatient('P-1'))).statusCode).toBe(503);
        }
        await sleep(0);
        expect(warn.mock.calls.map(([message]) => message)).toEqual([
          'onCircuitChange failed for office o-1: Error: store down',
          'onCircuitChange failed for office o-1: Error: listener bug',
        ]);
      } finally {
        warn.mockRestore();
      }
    });
  });

  describe('Retry-After', () => {
    it("holds the office's next call until the Retry-After instant, then sends it", async () => {
      const adapter = resilient();
      let limitedAt = 0;
      let sentAt = 0;
      pms.createPatient.mockImplementationOnce(async () => {
        limitedAt = Date.now();
        throw rateLimited(150);
      });
      pms.getPatient.mockImplementationOnce(async () => {
        sentAt = Date.now();
        return PATIENT;
      });
      await failureOf(adapter.createPatient(PATIENT));
      await expect(adapter.getPatient('P-1')).resolves.toBe(PATIENT);
      expect(sentAt - limitedAt).toBeGreaterThanOrEqual(150);
    });

    it('does not hold another office', async () => {
      const limited = resilient();
      const other = resilient({}, 'o-2');
      pms.createPatient.mockRejectedValueOnce(rateLimited(150));
      await failureOf(limited.createPatient(PATIENT));
      const done: string[] = [];
      await Promise.all([
        limited.getPatient('P-1').then(() => done.push('o-1')),
        other.getPatient('P-1').then(() => done.push('o-2')),
      ]);
      expect(done).toEqual(['o-2', 'o-1']);
    });

    it('fails a call at once, unsent, when the hold is longer than maxRetryAfterWaitMs', async () => {
      const adapter = resilient({ maxRetryAfterWaitMs: 1_000 });
      pms.bookAppointment.mockRejectedValueOnce(rateLimited(60_000));
      await failureOf(adapter.bookAppointment({ ...VISIT, durationMinutes: 30 }));
      const failure = await failureOf(adapter.getPatient('P-1'));
      expect(failure).toMatchObject({ kind: 'invalid', statusCode: 429 });
      expect(failure.retryAfterMs).toBeGreaterThan(58_000);
      expect(failure.message).toMatch(
        /^dentrix getPatient for office o-1: rate limited by the PMS for another \d+ ms \(429\), not sent$/,
      );
      expect(pms.getPatient).not.toHaveBeenCalled();
    });

    it('ends a wait on close, unsent', async () => {
      const adapter = resilient();
      pms.createPatient.mockRejectedValueOnce(rateLimited(5_000));
      await failureOf(adapter.createPatient(PATIENT));
      const waiting = failureOf(adapter.getPatient('P-1'));
      await adapter.close();
      expect(await waiting).toMatchObject({
        kind: 'unreachable',
        message: 'dentrix getPatient for office o-1: adapter closed while waiting, not sent',
      });
      expect(pms.getPatient).not.toHaveBeenCalled();
      expect(pms.close).toHaveBeenCalledTimes(1);
    });
  });

  describe('reference data cache', () => {
    it('serves providers and locations from the cache within the TTL, one call each', async () => {
      const adapter = resilient();
      const [first] = await Promise.all([adapter.listProviders(), adapter.listProviders()]);
      await adapter.listProviders();
      await adapter.listLocations();
      await adapter.listLocations();
      expect(pms.listProviders).toHaveBeenCalledTimes(1);
      expect(pms.listLocations).toHaveBeenCalledTimes(1);
      first.pop();
      await expect(adapter.listProviders()).resolves.toEqual([PROVIDER]);
    });

    it('asks again after the TTL', async () => {
      const adapter = resilient({ referenceDataTtlMs: 30 });
      await adapter.listProviders();
      await sleep(40);
      await adapter.listProviders();
      expect(pms.listProviders).toHaveBeenCalledTimes(2);
    });

    it('does not cache a failure', async () => {
      const adapter = resilient({ readRetries: 0 });
      pms.listLocations.mockRejectedValueOnce(refused());
      await failureOf(adapter.listLocations());
      await expect(adapter.listLocations()).resolves.toEqual([LOCATION]);
      expect(pms.listLocations).toHaveBeenCalledTimes(2);
    });

    it('caches nothing with a TTL of 0', async () => {
      const adapter = resilient({ referenceDataTtlMs: 0 });
      await adapter.listProviders();
      await adapter.listProviders();
      expect(pms.listProviders).toHaveBeenCalledTimes(2);
    });

    it('caches per office', async () => {
      await resilient().listProviders();
      await resilient({}, 'o-2').listProviders();
      expect(pms.listProviders).toHaveBeenCalledTimes(2);
    });
  });
});
