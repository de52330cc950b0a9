import http from 'node:http';
import net, { AddressInfo } from 'node:net';
import { RunningEaglesoftSimulator, startEaglesoftSimulator } from '@pms-hub/pms-simulators';
import { describePmsAdapterContract } from '../pms-adapter.contract';
import { EaglesoftConnection, PmsError } from '../pms-adapter.port';
import { EaglesoftAdapter } from './eaglesoft.adapter';

const credentials = {
  username: 'hub-user',
  password: 'adapter-secret-pw',
  database: 'ADAPTER_DB',
  clientId: 'hub-client',
  clientSecret: 'adapter-client-secret',
};
const NY = 'America/New_York';
// 2030-01-07 is a Monday; simulator hours are 08:00–17:00 office-local with lunch 12–13.
const MONDAY = '2030-01-07';
const PATIENT = 'ES-P-000001';
const PROVIDER = 'ES-DR-01';
const TOKEN_ROUTE = 'POST /api/auth/token';
const BOOK_ROUTE = 'POST /api/appointments';
const visit = (start: string, providerId = PROVIDER) => ({
  patientId: PATIENT,
  providerId,
  start,
  durationMinutes: 30,
  appointmentType: 'Cleaning',
});

const connectionTo = (
  baseUrl: string,
  overrides: Partial<EaglesoftConnection> = {},
): EaglesoftConnection => ({ pmsType: 'eaglesoft', baseUrl, ...credentials, ...overrides });

for (const timeZone of ['UTC', NY]) {
  describePmsAdapterContract(`Eaglesoft (${timeZone})`, async () => {
    const sim = await startEaglesoftSimulator({ credentials, timeZone });
    const adapter = new EaglesoftAdapter(connectionTo(sim.url), {
      officeId: 'office-contract',
      timeZone,
    });
    const { faults } = sim.state;
    return {
      adapter,
      timeZone,
      seed: { patientId: PATIENT, providerId: PROVIDER, date: MONDAY },
      faults: {
        set: (settings) => faults.set(settings),
        reset: () => faults.reset(),
        calls: (route) => faults.requestCounts.get(route) ?? 0,
        bookRoute: BOOK_ROUTE,
        secrets: [credentials.password, credentials.clientSecret],
      },
      close: async () => {
        await adapter.close();
        await sim.close();
      },
    };
  });
}

describe('EaglesoftAdapter against the Eaglesoft simulator over HTTP', () => {
  const office = { officeId: 'office-test', timeZone: NY };
  let sim: RunningEaglesoftSimulator;
  const adapters: EaglesoftAdapter[] = [];

  const adapterFor = (baseUrl: string, overrides: Partial<EaglesoftConnection> = {}) => {
    const created = new EaglesoftAdapter(connectionTo(baseUrl, overrides), office);
    adapters.push(created);
    return created;
  };
  const control = async <T = any>(path: string, method = 'GET', on = sim): Promise<T> => {
    const res = await fetch(on.url + path, { method });
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  const requests = (on = sim) => control<Record<string, number>>('/_control/requests', 'GET', on);
  const tokenStats = (on = sim) => control('/_control/tokens', 'GET', on);
  const failureOf = (promise: Promise<unknown>): Promise<PmsError> =>
    promise.then(
      () => Promise.reject(new Error('expected a PmsError')),
      (error: unknown) => (error instanceof PmsError ? error : Promise.reject(error)),
    );

  beforeAll(async () => {
    sim = await startEaglesoftSimulator({ credentials, timeZone: NY });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await control('/_control/reset', 'POST');
  });
  afterAll(async () => {
    await Promise.all(adapters.map((a) => a.close()));
    await sim.close();
  });

  it('maps snake_case records and office-local times onto the standard model', async () => {
    const adapter = adapterFor(sim.url);
    expect(await adapter.listProviders()).toContainEqual({
      providerId: 'ES-HY-01',
      name: 'Iris Novak',
      specialty: 'Hygiene',
      locationIds: ['ES-LOC-01', 'ES-LOC-02'],
    });
    expect((await adapter.listLocations())[0]).toEqual({
      locationId: 'ES-LOC-01',
      name: 'Lakeside Family Dentistry',
      timeZone: NY,
    });
    const patient = await adapter.createPatient({
      firstName: 'Zoe',
      lastName: 'Quinn',
      dateOfBirth: '1990-02-03',
      phone: '555-0199',
    });
    // Asked in UTC, answered at the office's offset: the same instant.
    const booked = await adapter.bookAppointment(visit(`${MONDAY}T14:00:00Z`));
    expect(booked).toEqual({
      appointmentId: expect.stringMatching(/^ES-A-\d{6}$/),
      patientId: PATIENT,
      providerId: PROVIDER,
      locationId: 'ES-LOC-01',
      start: `${MONDAY}T09:00:00-05:00`,
      durationMinutes: 30,
      appointmentType: 'Cleaning',
    });

    expect((await control('/_control/patients')).patients).toContainEqual({
      patient_id: patient.patientId,
      first_name: 'Zoe',
      last_name: 'Quinn',
      birth_date: '1990-02-03',
      phone: '555-0199',
    });
    expect((await control('/_control/appointments')).appointments).toEqual([
      expect.objectContaining({ start_time: `${MONDAY}T09:00:00`, duration_minutes: 30 }),
    ]);
    const [slot] = await adapter.getAvailability({ date: MONDAY, providerId: PROVIDER });
    expect(slot).toEqual({
      providerId: PROVIDER,
      locationId: 'ES-LOC-01',
      start: `${MONDAY}T08:00:00-05:00`,
      end: `${MONDAY}T08:30:00-05:00`,
    });
  });

  it('signs in once: concurrent first calls share one token request', async () => {
    const adapter = adapterFor(sim.url);
    await Promise.all([
      adapter.listProviders(),
      adapter.listLocations(),
      adapter.getPatient(PATIENT),
      adapter.checkHealth(),
    ]);
    await adapter.listProviders();
    expect((await requests())[TOKEN_ROUTE]).toBe(1);
  });

  it('refreshes a token expired mid-run without the caller noticing', async () => {
    const adapter = adapterFor(sim.url);
    await adapter.listProviders();

    await control('/_control/tokens/expire', 'POST');

    expect(await adapter.listProviders()).not.toHaveLength(0);
    expect((await requests())[TOKEN_ROUTE]).toBe(2);
    expect(await tokenStats()).toMatchObject({ issued: 2, invalidToken: 1 });
  });

  it('refreshes a token before it expires: no call meets a 401', async () => {
    const shortLived = await startEaglesoftSimulator({ credentials, tokenLifetimeSeconds: 2 });
    try {
      const adapter = adapterFor(shortLived.url);
      // Both sides read Date.now(): moving it stands in for waiting.
      const start = Date.now();
      const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
      await adapter.listProviders();
      clock.mockReturnValue(start + 1_500);
      await adapter.listProviders();
      expect(await tokenStats(shortLived)).toMatchObject({ issued: 1 });

      // 100 ms left of 2 s: inside the refresh margin, though the PMS would still accept it.
      clock.mockReturnValue(start + 1_900);
      await adapter.listProviders();
      expect(await tokenStats(shortLived)).toEqual({
        issued: 2,
        active: 2,
        invalidClient: 0,
        invalidToken: 0,
      });

      clock.mockReturnValue(start + 2_500);
      await adapter.listProviders();
      expect(await tokenStats(shortLived)).toEqual({
        issued: 2,
        active: 1,
        invalidClient: 0,
        invalidToken: 0,
      });
    } finally {
      await shortLived.close();
    }
  });

  it('resends a write refused with 401 once, creating exactly one appointment', async () => {
    const adapter = adapterFor(sim.url);
    await adapter.listProviders();
    await control('/_control/tokens/expire', 'POST');

    const booked = await adapter.bookAppointment(visit(`${MONDAY}T10:00:00-05:00`));

    expect(booked.start).toBe(`${MONDAY}T10:00:00-05:00`);
    expect((await requests())[BOOK_ROUTE]).toBe(2);
    expect(await tokenStats()).toMatchObject({ issued: 2, invalidToken: 1 });
    const { appointments } = await control('/_control/appointments');
    expect(appointments).toEqual([
      expect.objectContaining({ appointment_id: booked.appointmentId }),
    ]);
  });

  it('reports a wrong client secret as auth, never leaking credentials', async () => {
    const intruder = adapterFor(sim.url, { clientSecret: 'wrong-client-secret' });

    const failure = await failureOf(intruder.listProviders());
    expect(failure).toMatchObject({ kind: 'auth', statusCode: 401 });
    expect(failure.message).toBe(
      'eaglesoft listProviders for office office-test: authentication failed (401) on the token request',
    );
    const health = await intruder.checkHealth();
    expect(health.healthy).toBe(false);
    expect(health.endpoints[0].statusCode).toBe(401);

    const secrets = ['wrong-client-secret', credentials.clientSecret, credentials.password];
    for (const text of [failure.message, failure.stack ?? '', JSON.stringify(health)]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    expect((await requests())['GET /api/providers']).toBeUndefined();
  });

  it('treats a failed sign-in before a write as unreachable: the write was never sent', async () => {
    sim.state.faults.set({ outage: true, routes: [TOKEN_ROUTE] });
    const adapter = adapterFor(sim.url);

    const failure = await failureOf(adapter.bookAppointment(visit(`${MONDAY}T10:00:00-05:00`)));

    expect(failure).toMatchObject({ kind: 'unreachable', statusCode: 503 });
    expect(failure.message).toBe(
      'eaglesoft bookAppointment for office office-test: server error (503) on the token request',
    );
    expect((await requests())[BOOK_ROUTE]).toBeUndefined();
  });

  describe('in America/New_York across daylight-saving changes', () => {
    it('round-trips both 01:30s of the fall-back day exactly', async () => {
      const adapter = adapterFor(sim.url);
      // The PMS keeps wall-clock time, so the two 01:30s are booked with different providers.
      const cases = [
        { start: '2026-11-01T01:30:00-04:00', providerId: 'ES-DR-01' },
        { start: '2026-11-01T01:30:00-05:00', providerId: 'ES-DR-02' },
      ];
      for (const { start, providerId } of cases) {
        const booked = await adapter.bookAppointment(visit(start, providerId));
        expect(booked.start).toBe(start);
        const found = await adapter.findAppointments({ patientId: PATIENT, providerId, start });
        expect(found).toEqual([booked]);
      }
      const { appointments } = await control('/_control/appointments');
      expect(appointments.map((a: any) => a.start_time)).toEqual([
        '2026-11-01T01:30:00',
        '2026-11-01T01:30:00',
      ]);
    });

    it('refuses 02:30 of the spring-forward day as invalid, sending no booking', async () => {
      const adapter = adapterFor(sim.url);

      const failure = await failureOf(adapter.bookAppointment(visit('2026-03-08T02:30:00-05:00')));

      expect(failure.kind).toBe('invalid');
      expect(failure.message).toBe(
        'eaglesoft bookAppointment for office office-test: 2026-03-08T02:30:00 does not exist in America/New_York (the clocks skip that hour)',
      );
      expect((await requests())[BOOK_ROUTE]).toBeUndefined();
      expect(await control('/_control/appointments')).toEqual({ appointments: [] });
    });
  });

  it('refuses an unknown office time zone when built', () => {
    expect(
      () => new EaglesoftAdapter(connectionTo(sim.url), { officeId: 'x', timeZone: 'Mars/Base' }),
    ).toThrow(
      new PmsError('invalid', 'eaglesoft adapter for office x: unknown time zone Mars/Base'),
    );
  });

  it('reports a closed port as unreachable, and as unhealthy', async () => {
    const closed = adapterFor(await closedPortUrl());

    const failure = await failureOf(closed.listLocations());
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toMatch(
      /^eaglesoft listLocations for office office-test: unreachable \(ECONNREFUSED\)/,
    );
    expect((await closed.checkHealth()).healthy).toBe(false);
  });

  describe('against a PMS that refuses every token it issued', () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      const json = { 'Content-Type': 'application/json' };
      if (req.url === '/api/auth/token') {
        const token = {
          access_token: `token-${seen.length}`,
          token_type: 'Bearer',
          expires_in: 3600,
        };
        res.writeHead(200, json).end(JSON.stringify(token));
      } else res.writeHead(401, json).end(JSON.stringify({ error: 'invalid_token' }));
    });

    beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('retries a write once on a new token, then fails it as auth', async () => {
      const adapter = adapterFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);

      const failure = await failureOf(adapter.bookAppointment(visit(`${MONDAY}T10:00:00Z`)));

      expect(failure).toMatchObject({ kind: 'auth', statusCode: 401 });
      expect(failure.message).toBe(
        'eaglesoft bookAppointment for office office-test: authentication failed (401)',
      );
      expect(seen).toEqual([
        'POST /api/auth/token',
        'POST /api/appointments',
        'POST /api/auth/token',
        'POST /api/appointments',
      ]);
    });
  });
});

async function closedPortUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}
