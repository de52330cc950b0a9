import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  CareStackSimulatorOptions,
  RunningCareStackSimulator,
  startCareStackSimulator,
} from '@pms-hub/pms-simulators';
import { describePmsAdapterContract } from '../pms-adapter.contract';
import { CareStackConnection, PmsAdapterContext, PmsError } from '../pms-adapter.port';
import { CareStackAdapter } from './carestack.adapter';

const credentials = {
  username: 'hub-user',
  password: 'adapter-secret-pw',
  vendorKey: 'adapter-vendor-key',
  accountKey: 'adapter-account-key',
  accountId: '7001',
};
const SECRETS = [credentials.password, credentials.vendorKey, credentials.accountKey];
const NEW_YORK = 'America/New_York';
// 2030-01-07 is a Monday; simulator hours are 08:00–17:00 office-local with lunch 12–13.
const MONDAY = '2030-01-07';
const TOKEN_ROUTE = 'POST /connect/token';
const BOOK_ROUTE = 'POST /api/v1.0/appointments';
const PROVIDERS_ROUTE = 'GET /api/v1.0/providers';

const connectionTo = (
  baseUrl: string,
  overrides: Partial<CareStackConnection> = {},
): CareStackConnection => ({ pmsType: 'carestack', baseUrl, ...credentials, ...overrides });

const visit = (start: string, providerId = '11') => ({
  patientId: '1001',
  providerId,
  start,
  durationMinutes: 30,
});

describePmsAdapterContract(`CareStack (${NEW_YORK})`, async () => {
  const sim = await startCareStackSimulator({ credentials, timeZone: NEW_YORK });
  const adapter = new CareStackAdapter(connectionTo(sim.url), {
    officeId: 'office-contract',
    timeZone: NEW_YORK,
  });
  const { faults } = sim.state;
  return {
    adapter,
    timeZone: NEW_YORK,
    seed: { patientId: '1001', providerId: '11', date: MONDAY },
    faults: {
      set: (settings) => faults.set(settings),
      reset: () => faults.reset(),
      calls: (route) => faults.requestCounts.get(route) ?? 0,
      bookRoute: BOOK_ROUTE,
      secrets: SECRETS,
    },
    close: async () => {
      await adapter.close();
      await sim.close();
    },
  };
});

describe('CareStackAdapter against the CareStack simulator over HTTP', () => {
  const cleanups: (() => Promise<void>)[] = [];

  /** A fresh simulator and an adapter for it; both closed after the test. */
  async function start(
    options: CareStackSimulatorOptions = {},
    overrides: Partial<CareStackConnection> = {},
  ) {
    const sim = await startCareStackSimulator({ credentials, ...options });
    const context: PmsAdapterContext = { officeId: 'office-test', timeZone: options.timeZone };
    const adapter = new CareStackAdapter(connectionTo(sim.url, overrides), context);
    cleanups.push(
      () => adapter.close(),
      () => sim.close(),
    );
    return { sim, adapter, calls: (route: string) => callsOf(sim, route) };
  }

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('maps CareStack shapes: numeric ids, names, zones and office-local times', async () => {
    const { sim, adapter } = await start({ timeZone: NEW_YORK });

    expect(await adapter.listProviders()).toContainEqual({
      providerId: '13',
      name: 'Lena Hoffmann',
      specialty: 'Hygiene',
      locationIds: ['1', '2'],
    });
    expect((await adapter.listLocations())[0]).toEqual({
      locationId: '1',
      name: 'Lakeside Family Dental',
      timeZone: NEW_YORK,
    });
    const [slot] = await adapter.getAvailability({ date: MONDAY, providerId: '11' });
    expect(slot).toEqual({
      providerId: '11',
      locationId: '1',
      start: `${MONDAY}T08:00:00-05:00`,
      end: `${MONDAY}T08:30:00-05:00`,
    });

    const booked = await adapter.bookAppointment({
      ...visit(`${MONDAY}T14:00:00Z`),
      appointmentType: 'Cleaning',
      notes: 'first visit',
    });
    expect(booked).toEqual({
      appointmentId: '50001',
      patientId: '1001',
      providerId: '11',
      locationId: '1',
      start: `${MONDAY}T09:00:00-05:00`,
      durationMinutes: 30,
      appointmentType: 'Cleaning',
    });
    expect([...sim.state.appointments.values()]).toEqual([
      expect.objectContaining({ startDateTime: `${MONDAY}T09:00:00`, notes: 'first visit' }),
    ]);

    const patient = await adapter.createPatient({
      firstName: 'Zoe',
      lastName: 'Quinn',
      dateOfBirth: '1990-02-03',
      phone: '555-0199',
    });
    expect(patient).toEqual({
      patientId: '1003',
      firstName: 'Zoe',
      lastName: 'Quinn',
      dateOfBirth: '1990-02-03',
      phone: '555-0199',
    });
    expect(await adapter.searchPatients({ phone: '5550199' })).toEqual([patient]);
  });

  it('finds cancelled appointments too: the PMS did create them', async () => {
    const { adapter } = await start();
    const booked = await adapter.bookAppointment(visit(`${MONDAY}T10:00:00Z`));
    await adapter.cancelAppointment(booked.appointmentId);
    const found = await adapter.findAppointments({
      patientId: '1001',
      providerId: '11',
      start: booked.start,
    });
    expect(found).toEqual([booked]);
  });

  describe('tokens', () => {
    it('shares one token request among concurrent callers, then reuses the token', async () => {
      const { adapter, calls } = await start();
      await Promise.all([
        adapter.listProviders(),
        adapter.listLocations(),
        adapter.getPatient('1001'),
        adapter.checkHealth(),
      ]);
      await adapter.listProviders();
      expect(calls(TOKEN_ROUTE)).toBe(1);
    });

    it('gets a new token when the PMS ends the old one mid-run, without the caller noticing', async () => {
      const { sim, adapter, calls } = await start();
      await adapter.listProviders();
      await control(sim, '/_control/tokens/expire');

      expect(await adapter.listProviders()).toHaveLength(3);
      expect(calls(TOKEN_ROUTE)).toBe(2);
      // The refused call and its one retry.
      expect(calls(PROVIDERS_ROUTE)).toBe(3);
    });

    it('refreshes a token before it expires, so the PMS never refuses one', async () => {
      const { adapter, calls } = await start({ tokenLifetimeSeconds: 600 });
      fakeDateOnly();
      try {
        await adapter.listProviders();
        // 50 s before expiry: still valid at the PMS, but within the refresh margin.
        jest.setSystemTime(Date.now() + 550_000);
        await adapter.listProviders();
        jest.setSystemTime(Date.now() + 550_000);
        await adapter.listProviders();
      } finally {
        jest.useRealTimers();
      }
      expect(calls(TOKEN_ROUTE)).toBe(3);
      // No call was answered 401 and retried.
      expect(calls(PROVIDERS_ROUTE)).toBe(3);
    });

    it('retries a write refused with 401 once, creating exactly one appointment', async () => {
      const { sim, adapter, calls } = await start();
      await adapter.listProviders();
      await control(sim, '/_control/tokens/expire');

      const booked = await adapter.bookAppointment(visit(`${MONDAY}T10:00:00Z`));
      expect(booked.start).toBe(`${MONDAY}T10:00:00Z`);
      expect(calls(BOOK_ROUTE)).toBe(2);
      expect(calls(TOKEN_ROUTE)).toBe(2);
      expect([...sim.state.appointments.keys()]).toEqual([Number(booked.appointmentId)]);
    });

    it.each([
      ['account key', { accountKey: 'wrong-account-key' }, '401'],
      ['vendor key', { vendorKey: 'wrong-vendor-key' }, '401'],
      ['password', { password: 'wrong-password' }, '400 invalid_grant'],
    ])('reports a wrong %s as auth, never leaking credentials', async (_label, wrong, status) => {
      const { adapter, calls } = await start({}, wrong);
      const failure = await failureOf(adapter.listProviders());
      expect(failure.kind).toBe('auth');
      expect(failure.message).toBe(
        `carestack listProviders (token request) for office office-test: authentication failed (${status})`,
      );
      const health = await adapter.checkHealth();
      expect(health.healthy).toBe(false);
      expect(calls(PROVIDERS_ROUTE)).toBe(0);

      const used = [...SECRETS, ...Object.values(wrong)];
      for (const text of [failure.message, failure.stack ?? '', JSON.stringify(health)]) {
        for (const secret of used) expect(text).not.toContain(secret);
      }
    });

    it('reports a wrong account id (403) as auth without asking for another token', async () => {
      const { adapter, calls } = await start({}, { accountId: '1' });
      const failure = await failureOf(adapter.listProviders());
      expect(failure).toMatchObject({ kind: 'auth', statusCode: 403 });
      expect(calls(TOKEN_ROUTE)).toBe(1);
    });

    it('reports a failed token request as unreachable: the call itself never went out', async () => {
      const { sim, adapter, calls } = await start();
      sim.state.faults.set({ outage: true, routes: [TOKEN_ROUTE] });

      const failure = await failureOf(adapter.bookAppointment(visit(`${MONDAY}T10:00:00Z`)));
      expect(failure).toMatchObject({ kind: 'unreachable', statusCode: 503 });
      expect(failure.message).toBe(
        'carestack bookAppointment (token request) for office office-test: server error (503)',
      );
      expect(calls(BOOK_ROUTE)).toBe(0);
    });
  });

  describe(`office time in ${NEW_YORK}`, () => {
    it('round-trips both 01:30s of the fall-back night exactly', async () => {
      const { sim, adapter } = await start({ timeZone: NEW_YORK });
      const daylight = '2030-11-03T01:30:00-04:00';
      const standard = '2030-11-03T01:30:00-05:00';

      // Two providers: the PMS keeps wall time, so to it both are the same 01:30.
      expect((await adapter.bookAppointment(visit(daylight, '11'))).start).toBe(daylight);
      expect((await adapter.bookAppointment(visit(standard, '13'))).start).toBe(standard);
      const stored = [...sim.state.appointments.values()].map((a) => a.startDateTime);
      expect(stored).toEqual(['2030-11-03T01:30:00', '2030-11-03T01:30:00']);

      const found = await adapter.findAppointments({
        patientId: '1001',
        providerId: '13',
        start: standard,
      });
      expect(found.map((a) => a.start)).toEqual([standard]);
    });

    it('refuses 02:30 on the spring-forward day as invalid, before anything reaches the PMS', async () => {
      const { sim, adapter, calls } = await start({ timeZone: NEW_YORK });

      const failure = await failureOf(adapter.bookAppointment(visit('2030-03-10T02:30:00-05:00')));
      expect(failure.kind).toBe('invalid');
      expect(failure.message).toMatch(/^carestack bookAppointment for office office-test: /);
      expect(calls(BOOK_ROUTE)).toBe(0);
      expect(sim.state.appointments.size).toBe(0);
    });
  });

  describe('against a server whose API refuses every token', () => {
    const server = http.createServer((req, res) => {
      const [status, body] =
        req.url === '/connect/token'
          ? [
              200,
              { access_token: `token-${++tokensIssued}`, token_type: 'Bearer', expires_in: 3600 },
            ]
          : [401, { message: 'Unauthorized' }];
      apiCalls += req.url === '/connect/token' ? 0 : 1;
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
    let tokensIssued = 0;
    let apiCalls = 0;
    let adapter: CareStackAdapter;

    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      adapter = new CareStackAdapter(connectionTo(`http://127.0.0.1:${port}`), {
        officeId: 'office-test',
      });
    });
    afterAll(async () => {
      await adapter.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('retries a 401 once with a new token, then reports auth', async () => {
      const failure = await failureOf(adapter.cancelAppointment('50001'));
      expect(failure).toMatchObject({ kind: 'auth', statusCode: 401 });
      expect(failure.message).toBe(
        'carestack cancelAppointment for office office-test: authentication failed (401)',
      );
      expect(failure.message).not.toContain('token-');
      expect({ tokensIssued, apiCalls }).toEqual({ tokensIssued: 2, apiCalls: 2 });
    });
  });
});

function callsOf(sim: RunningCareStackSimulator, route: string): number {
  return sim.state.faults.requestCounts.get(route) ?? 0;
}

async function control(sim: RunningCareStackSimulator, path: string): Promise<void> {
  const res = await fetch(sim.url + path, { method: 'POST' });
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
}

function failureOf(promise: Promise<unknown>): Promise<PmsError> {
  return promise.then(
    () => Promise.reject(new Error('expected a PmsError')),
    (error: unknown) => (error instanceof PmsError ? error : Promise.reject(error)),
  );
}

/** Fakes Date only: servers, sockets and timeouts keep their real timers. */
function fakeDateOnly(): void {
  jest.useFakeTimers({
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
    now: Date.now(),
  });
}
