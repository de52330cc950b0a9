import http from 'node:http';
import net, { AddressInfo } from 'node:net';
import { RunningDentrixSimulator, startDentrixSimulator } from '@pms-hub/pms-simulators';
import { createPmsAdapter } from '../pms-adapter.factory';
import { describePmsAdapterContract } from '../pms-adapter.contract';
import { DentrixConnection, PmsError } from '../pms-adapter.port';
import { DentrixAdapter } from './dentrix.adapter';

const credentials = {
  username: 'hub-user',
  password: 'adapter-secret-pw',
  database: 'ADAPTER_DB',
  apiKey: 'adapter-secret-key',
};
const office = { officeId: 'office-test' };
// 2030-01-07 is a Monday; simulator hours are 08:00–17:00 UTC with lunch 12–13.
const MONDAY = '2030-01-07';
const PATIENT = 'DTX-P-000001';
const PROVIDER = 'DTX-D-01';
const visit = (start: string) => ({
  patientId: PATIENT,
  providerId: PROVIDER,
  start,
  durationMinutes: 30,
  appointmentType: 'Cleaning',
});

for (const timeZone of ['UTC', 'America/New_York']) {
  describePmsAdapterContract(`Dentrix (${timeZone})`, async () => {
    const sim = await startDentrixSimulator({ credentials, port: 0, timeZone });
    const adapter = new DentrixAdapter(
      { pmsType: 'dentrix', baseUrl: sim.url, ...credentials },
      { ...office, timeZone },
    );
    return {
      adapter,
      timeZone,
      seed: { patientId: PATIENT, providerId: PROVIDER, date: MONDAY },
      faults: {
        set: (settings) => sim.state.faults.set(settings),
        reset: () => sim.state.faults.reset(),
        calls: (route) => sim.state.requestCounts.get(route) ?? 0,
        bookRoute: 'POST /api/appointments',
        secrets: [credentials.password, credentials.apiKey, basicAuthOf(credentials)],
      },
      close: async () => {
        await adapter.close();
        await sim.close();
      },
    };
  });
}

describe('DentrixAdapter against the Dentrix simulator over HTTP', () => {
  let sim: RunningDentrixSimulator;
  let adapter: DentrixAdapter;
  const adapters: DentrixAdapter[] = [];

  const connectionTo = (baseUrl: string, overrides: Partial<DentrixConnection> = {}) => ({
    pmsType: 'dentrix' as const,
    baseUrl,
    ...credentials,
    ...overrides,
  });
  const adapterFor = (baseUrl: string, overrides: Partial<DentrixConnection> = {}) => {
    const created = new DentrixAdapter(connectionTo(baseUrl, overrides), office);
    adapters.push(created);
    return created;
  };
  const control = async <T = unknown>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(sim.url + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  const failureOf = (promise: Promise<unknown>): Promise<PmsError> =>
    promise.then(
      () => Promise.reject(new Error('expected a PmsError')),
      (error: unknown) => (error instanceof PmsError ? error : Promise.reject(error)),
    );

  beforeAll(async () => {
    sim = await startDentrixSimulator({ credentials, port: 0 });
    adapter = adapterFor(sim.url);
  });
  afterEach(() => control('/_control/reset', {}));
  afterAll(async () => {
    await Promise.all(adapters.map((a) => a.close()));
    await sim.close();
  });

  it('reports a healthy PMS per endpoint, with timing', async () => {
    const health = await adapter.checkHealth();
    expect(health).toEqual({
      healthy: true,
      responseTimeMs: expect.any(Number),
      endpoints: [
        {
          endpoint: 'GET /api/health',
          healthy: true,
          responseTimeMs: health.responseTimeMs,
          statusCode: 200,
        },
      ],
    });
  });

  it('creates a patient in the PMS and finds it by search', async () => {
    const created = await adapter.createPatient({
      firstName: 'Zoe',
      lastName: 'Quinn',
      dateOfBirth: '1990-02-03',
      phone: '555-0199',
      email: 'zoe@example.com',
    });
    expect(created).toEqual({
      patientId: expect.stringMatching(/^DTX-P-\d{6}$/),
      firstName: 'Zoe',
      lastName: 'Quinn',
      dateOfBirth: '1990-02-03',
      phone: '555-0199',
      email: 'zoe@example.com',
    });

    expect(await adapter.searchPatients({ firstName: 'zoe', lastName: 'QUINN' })).toEqual([
      created,
    ]);
    expect(await adapter.searchPatients({ lastName: 'Quinn', dateOfBirth: '1991-01-01' })).toEqual(
      [],
    );
    const { patients } = await control<{ patients: unknown[] }>('/_control/patients');
    expect(patients).toContainEqual({
      PatientID: created.patientId,
      FirstName: 'Zoe',
      LastName: 'Quinn',
      DateOfBirth: '1990-02-03',
      HomePhone: '555-0199',
      EmailAddress: 'zoe@example.com',
    });
  });

  it('lists providers and the locations they work at', async () => {
    const providers = await adapter.listProviders();
    const locations = await adapter.listLocations();
    expect(providers.length).toBeGreaterThanOrEqual(3);
    expect(providers).toContainEqual({
      providerId: PROVIDER,
      name: 'Ana Lopez',
      specialty: 'General',
      locationIds: ['DTX-L-01'],
    });
    expect(locations.map((l) => l.locationId)).toEqual(['DTX-L-01', 'DTX-L-02']);
    expect(locations[0].name).toBe('Downtown Dental');
    const known = new Set(locations.map((l) => l.locationId));
    expect(providers.flatMap((p) => p.locationIds).every((id) => known.has(id))).toBe(true);
  });

  it('maps free slots of a day', async () => {
    const slots = await adapter.getAvailability({ date: MONDAY, providerId: PROVIDER });
    expect(slots).toHaveLength(16);
    expect(slots[0]).toEqual({
      providerId: PROVIDER,
      locationId: 'DTX-L-01',
      start: `${MONDAY}T08:00:00Z`,
      end: `${MONDAY}T08:30:00Z`,
    });
    const byLocation = await adapter.getAvailability({ date: MONDAY, locationId: 'DTX-L-02' });
    expect(new Set(byLocation.map((s) => s.providerId))).toEqual(new Set(['DTX-D-02']));
  });

  it('books a free slot, then reports the same slot as a conflict', async () => {
    const [slot] = await adapter.getAvailability({ date: MONDAY, providerId: PROVIDER });
    const booked = await adapter.bookAppointment(visit(slot.start));
    expect(booked).toEqual({
      appointmentId: expect.stringMatching(/^DTX-A-\d{6}$/),
      patientId: PATIENT,
      providerId: PROVIDER,
      locationId: 'DTX-L-01',
      start: slot.start,
      durationMinutes: 30,
      appointmentType: 'Cleaning',
    });
    const remaining = await adapter.getAvailability({ date: MONDAY, providerId: PROVIDER });
    expect(remaining.map((s) => s.start)).not.toContain(slot.start);

    const conflict = await failureOf(adapter.bookAppointment(visit(slot.start)));
    expect(conflict.kind).toBe('conflict');
    expect(conflict.statusCode).toBe(409);
    expect(conflict.message).toBe(
      'dentrix bookAppointment for office office-test: slot not available (409)',
    );
    const dump = await control<{ appointments: unknown[] }>('/_control/appointments');
    expect(dump.appointments).toHaveLength(1);
  });

  it('finds a booked appointment by patient, provider and start instant', async () => {
    const booked = await adapter.bookAppointment(visit(`${MONDAY}T10:00:00Z`));
    const search = { patientId: PATIENT, providerId: PROVIDER };

    expect(
      await adapter.findAppointments({ ...search, start: `${MONDAY}T11:00:00+01:00` }),
    ).toEqual([booked]);
    expect(await adapter.findAppointments({ ...search, start: `${MONDAY}T10:30:00Z` })).toEqual([]);
    expect(
      await adapter.findAppointments({ ...search, patientId: 'DTX-P-000002', start: booked.start }),
    ).toEqual([]);
  });

  it('refuses data the PMS rejects as invalid, without echoing patient fields', async () => {
    const failure = await failureOf(
      adapter.createPatient({ firstName: 'Zoe', lastName: 'Quinn', dateOfBirth: '03/02/1990' }),
    );
    expect(failure.kind).toBe('invalid');
    expect(failure.statusCode).toBe(400);
    expect(failure.message).toBe('dentrix createPatient for office office-test: rejected (400)');

    const unknownPatient = await failureOf(
      adapter.bookAppointment({ ...visit(`${MONDAY}T10:00:00Z`), patientId: 'DTX-P-999999' }),
    );
    expect(unknownPatient.kind).toBe('invalid');
    expect(unknownPatient.statusCode).toBe(404);
  });

  it('is built by the factory for a dentrix connection', async () => {
    const made = createPmsAdapter(connectionTo(sim.url), office);
    expect(made).toBeInstanceOf(DentrixAdapter);
    expect(made.pmsType).toBe('dentrix');
    await made.close?.();
  });

  it.each([
    ['password', { password: 'wrong-password' }],
    ['API key', { apiKey: 'wrong-api-key' }],
    ['database', { database: 'WRONG_DB' }],
  ])('reports a wrong %s as auth, never leaking credentials', async (_label, wrong) => {
    const intruder = adapterFor(sim.url, wrong);
    const failure = await failureOf(intruder.listProviders());
    expect(failure.kind).toBe('auth');
    expect(failure.statusCode).toBe(401);
    const health = await intruder.checkHealth();
    expect(health.healthy).toBe(false);
    expect(health.endpoints[0].statusCode).toBe(401);

    const used = { ...credentials, ...wrong };
    const basic = Buffer.from(`${used.username}:${used.password}`).toString('base64');
    const secrets = [used.password, used.apiKey, credentials.password, credentials.apiKey, basic];
    for (const text of [failure.message, failure.stack ?? '', health.error ?? '']) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('during an outage: unhealthy, and a booking has an unknown outcome', async () => {
    await control('/_control/faults', { outage: true });

    const health = await adapter.checkHealth();
    expect(health.healthy).toBe(false);
    expect(health.endpoints[0]).toMatchObject({ healthy: false, statusCode: 503 });
    expect(health.error).toBe('dentrix checkHealth for office office-test: server error (503)');

    const failure = await failureOf(adapter.bookAppointment(visit(`${MONDAY}T10:00:00Z`)));
    expect(failure.kind).toBe('unknown-outcome');
    expect(failure.statusCode).toBe(503);
  });

  it('treats a timeout as unknown outcome; reconciling finds the booking', async () => {
    await control('/_control/faults', { latencyMs: 60_000 });
    const impatient = adapterFor(sim.url, { timeoutMs: 1_000 });

    const failure = await failureOf(impatient.bookAppointment(visit(`${MONDAY}T10:00:00Z`)));
    expect(failure.kind).toBe('unknown-outcome');
    expect(failure.message).toMatch(/^dentrix bookAppointment for office office-test: timed out/);

    await control('/_control/faults', { latencyMs: 0 });
    const found = await adapter.findAppointments({
      patientId: PATIENT,
      providerId: PROVIDER,
      start: `${MONDAY}T10:00:00Z`,
    });
    expect(found).toHaveLength(1);
  });

  it('reports a closed port as unreachable, and as unhealthy', async () => {
    const closed = adapterFor(await closedPortUrl());

    const failure = await failureOf(closed.listLocations());
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toBe(
      'dentrix listLocations for office office-test: unreachable (ECONNREFUSED)',
    );
    const health = await closed.checkHealth();
    expect(health).toMatchObject({
      healthy: false,
      error: failure.message.replace('listLocations', 'checkHealth'),
    });
  });

  describe('against a server that answers garbage', () => {
    let reply: (req: http.IncomingMessage, res: http.ServerResponse) => void;
    let garbage: DentrixAdapter;
    const server = http.createServer((req, res) => reply(req, res));
    const answer = (status: number, body: string) => {
      reply = (_req, res) =>
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
    };

    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      garbage = adapterFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
    afterAll(async () => {
      await garbage.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('reports a read answered with non-JSON as invalid, and as unhealthy', async () => {
      answer(200, 'not json');
      const failure = await failureOf(garbage.listProviders());
      expect(failure.kind).toBe('invalid');
      expect(failure.message).toBe(
        'dentrix listProviders for office office-test: unreadable answer (provider list is not a JSON object)',
      );
      expect((await garbage.checkHealth()).healthy).toBe(false);
    });

    it('reports JSON missing required fields as invalid', async () => {
      answer(200, JSON.stringify({ Providers: [{ ProviderID: 'X', LocationIDs: [] }] }));
      const failure = await failureOf(garbage.listProviders());
      expect(failure.kind).toBe('invalid');
      expect(failure.message).toContain('missing FirstName');

      answer(
        200,
        JSON.stringify({ Slots: [{ ProviderID: 'X', StartTime: 'soon', EndTime: 'later' }] }),
      );
      expect((await failureOf(garbage.getAvailability({ date: MONDAY }))).kind).toBe('invalid');
    });

    it('reports an unreadable answer to a write as unknown outcome: it may have been applied', async () => {
      answer(201, JSON.stringify({ Status: 'Scheduled' }));
      const failure = await failureOf(garbage.bookAppointment(visit(`${MONDAY}T10:00:00Z`)));
      expect(failure.kind).toBe('unknown-outcome');
      expect(failure.message).toContain('missing AppointmentID');
    });

    it('reports a connection dropped mid-request as unknown outcome', async () => {
      reply = (req) => req.socket.destroy();
      const failure = await failureOf(garbage.bookAppointment(visit(`${MONDAY}T10:00:00Z`)));
      expect(failure.kind).toBe('unknown-outcome');
      expect(failure.message).toBe(
        'dentrix bookAppointment for office office-test: connection failed (ECONNRESET)',
      );
    });
  });
});

describe('DentrixAdapter in an office on New York time', () => {
  const timeZone = 'America/New_York';
  let sim: RunningDentrixSimulator;
  let adapter: DentrixAdapter;

  beforeAll(async () => {
    sim = await startDentrixSimulator({ credentials, port: 0, timeZone });
    adapter = new DentrixAdapter(
      { pmsType: 'dentrix', baseUrl: sim.url, ...credentials },
      { ...office, timeZone },
    );
  });
  afterEach(() => sim.state.reset());
  afterAll(async () => {
    await adapter.close();
    await sim.close();
  });

  it('sends the office wall-clock time and answers with the office offset', async () => {
    const booked = await adapter.bookAppointment(visit('2030-01-07T14:00:00Z'));
    expect(booked.start).toBe('2030-01-07T09:00:00-05:00');
    expect(sim.state.appointments.get(booked.appointmentId)?.StartTime).toBe('2030-01-07T09:00:00');
    const [summer] = await adapter.getAvailability({ date: '2030-07-08', providerId: PROVIDER });
    expect(summer.start).toBe('2030-07-08T08:00:00-04:00');
  });

  it('keeps the second 01:30 of the fall-back night exactly as asked', async () => {
    const secondPass = '2026-11-01T01:30:00-05:00';
    const booked = await adapter.bookAppointment(visit(secondPass));
    expect(booked.start).toBe(secondPass);
    const found = await adapter.findAppointments({
      patientId: PATIENT,
      providerId: PROVIDER,
      start: secondPass,
    });
    expect(found.map((a) => a.start)).toEqual([secondPass]);
  });

  it('refuses a time the clocks skip before calling Dentrix, as invalid', async () => {
    const before = sim.state.requestCounts.get('POST /api/appointments') ?? 0;
    await expect(adapter.bookAppointment(visit('2026-03-08T02:30:00-05:00'))).rejects.toEqual(
      new PmsError(
        'invalid',
        'dentrix bookAppointment for office office-test: 2026-03-08T02:30:00 does not exist in America/New_York (the clocks skip that hour)',
      ),
    );
    expect(sim.state.requestCounts.get('POST /api/appointments') ?? 0).toBe(before);
  });

  it('refuses an unknown time zone when built', () => {
    expect(
      () =>
        new DentrixAdapter(
          { pmsType: 'dentrix', baseUrl: sim.url, ...credentials },
          { ...office, timeZone: 'Mars/Olympus' },
        ),
    ).toThrow('dentrix adapter for office office-test: unknown time zone Mars/Olympus');
  });
});

function basicAuthOf({ username, password }: typeof credentials): string {
  return Buffer.from(`${username}:${password}`).toString('base64');
}

async function closedPortUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}
