import { RunningDentrixSimulator, startDentrixSimulator } from './dentrix.simulator';
import { eventually } from '@pms-hub/testing';
import {
  DentrixAppointment,
  DentrixLocation,
  DentrixPatient,
  DentrixProvider,
  DentrixSlot,
} from './dentrix.types';

const credentials = {
  username: 'sim-user',
  password: 'sim-secret-pw',
  database: 'SIM_DB',
  apiKey: 'sim-secret-key',
};
const authHeaders = {
  Authorization: `Basic ${Buffer.from('sim-user:sim-secret-pw').toString('base64')}`,
  'X-Database': 'SIM_DB',
  'X-API-Key': 'sim-secret-key',
};
// 2030-01-07 is a Monday.
const MONDAY = '2030-01-07';

describe('Dentrix simulator', () => {
  let sim: RunningDentrixSimulator;

  async function send<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = authHeaders,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(sim.url + path, {
      method,
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  const book = (start: string, providerId = 'DTX-D-01', duration = 30) =>
    send<DentrixAppointment>('POST', '/api/appointments', {
      PatientID: 'DTX-P-000001',
      ProviderID: providerId,
      StartTime: start,
      Duration: duration,
    });

  beforeAll(async () => {
    sim = await startDentrixSimulator({ credentials, port: 0 });
  });
  afterEach(() => send('POST', '/_control/reset'));
  afterAll(() => sim.close());

  it('answers health to an authenticated caller', async () => {
    const res = await send('GET', '/api/health');
    expect(res).toEqual({
      status: 200,
      body: { Status: 'OK', Version: expect.any(String), Database: 'SIM_DB' },
    });
  });

  it.each([
    ['no credentials', {}],
    ['a wrong password', { ...authHeaders, Authorization: `Basic ${btoa('sim-user:nope')}` }],
    ['a wrong database', { ...authHeaders, 'X-Database': 'OTHER' }],
    ['a wrong API key', { ...authHeaders, 'X-API-Key': 'nope' }],
  ])('refuses %s with 401 and echoes nothing', async (_label, headers) => {
    const res = await send('GET', '/api/providers', undefined, headers);
    expect(res).toEqual({ status: 401, body: { Error: 'Unauthorized' } });
  });

  it('creates, fetches and searches patients case-insensitively', async () => {
    const created = await send<DentrixPatient>('POST', '/api/patients', {
      FirstName: 'Zoe',
      LastName: 'Quinn',
      DateOfBirth: '1990-02-03',
      HomePhone: '(555) 010-9999',
    });
    expect(created.status).toBe(201);
    expect(created.body.PatientID).toMatch(/^DTX-P-\d{6}$/);

    expect((await send('GET', `/api/patients/${created.body.PatientID}`)).body).toEqual(
      created.body,
    );
    const byName = await send<{ Patients: DentrixPatient[] }>(
      'GET',
      '/api/patients/search?firstName=zoe&lastName=QUINN',
    );
    expect(byName.body.Patients).toEqual([created.body]);
    const byPhone = await send<{ Patients: DentrixPatient[] }>(
      'GET',
      '/api/patients/search?phone=5550109999',
    );
    expect(byPhone.body.Patients).toEqual([created.body]);
    const miss = await send<{ Patients: DentrixPatient[] }>(
      'GET',
      '/api/patients/search?firstName=zoe&dateOfBirth=1990-02-04',
    );
    expect(miss.body.Patients).toEqual([]);
  });

  it('rejects invalid patients, empty searches and unknown ids', async () => {
    const missing = await send('POST', '/api/patients', { FirstName: 'Zoe' });
    expect(missing).toEqual({ status: 400, body: { Error: 'LastName is required' } });
    const badDate = await send('POST', '/api/patients', {
      FirstName: 'Zoe',
      LastName: 'Quinn',
      DateOfBirth: '1990-02-30',
    });
    expect(badDate.status).toBe(400);
    expect((await send('GET', '/api/patients/search')).status).toBe(400);
    expect((await send('GET', '/api/patients/DTX-P-999999')).status).toBe(404);
  });

  it('seeds at least three providers across two locations', async () => {
    const { Providers } = (await send<{ Providers: DentrixProvider[] }>('GET', '/api/providers'))
      .body;
    const { Locations } = (await send<{ Locations: DentrixLocation[] }>('GET', '/api/locations'))
      .body;
    expect(Providers.length).toBeGreaterThanOrEqual(3);
    expect(Locations).toHaveLength(2);
    const worked = new Set(Providers.flatMap((p) => p.LocationIDs));
    expect([...worked].sort()).toEqual(Locations.map((l) => l.LocationID));
  });

  it('offers 30-minute slots in working hours, outside lunch and bookings', async () => {
    await book(`${MONDAY}T09:00:00`);
    const res = await send<{ Slots: DentrixSlot[] }>('POST', '/api/appointments/availability', {
      Date: MONDAY,
      ProviderID: 'DTX-D-01',
    });
    const starts = res.body.Slots.map((s) => s.StartTime.slice(11, 16));
    expect(starts).toEqual([
      ...['08:00', '08:30', '09:30', '10:00', '10:30', '11:00', '11:30'],
      ...['13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'],
    ]);
    expect(res.body.Slots[0]).toEqual({
      ProviderID: 'DTX-D-01',
      LocationID: 'DTX-L-01',
      StartTime: `${MONDAY}T08:00:00`,
      EndTime: `${MONDAY}T08:30:00`,
    });
  });

  it('follows each provider’s weekly schedule across locations', async () => {
    const slotsAt = async (date: string, locationId: string) =>
      (
        await send<{ Slots: DentrixSlot[] }>('POST', '/api/appointments/availability', {
          Date: date,
          LocationID: locationId,
        })
      ).body.Slots;
    const providersIn = (slots: DentrixSlot[]) =>
      [...new Set(slots.map((s) => s.ProviderID))].sort();

    expect(providersIn(await slotsAt(MONDAY, 'DTX-L-02'))).toEqual(['DTX-D-02']);
    expect(providersIn(await slotsAt('2030-01-10', 'DTX-L-02'))).toEqual(['DTX-D-02', 'DTX-D-03']);
    expect(await slotsAt('2030-01-12', 'DTX-L-01')).toEqual([]);
  });

  it('books with 201 and refuses an overlap for the same provider with 409', async () => {
    const first = await book(`${MONDAY}T09:00:00`);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      AppointmentID: expect.stringMatching(/^DTX-A-\d{6}$/),
      LocationID: 'DTX-L-01',
      StartTime: `${MONDAY}T09:00:00`,
      Duration: 30,
    });

    expect(await book(`${MONDAY}T08:45:00`)).toEqual({
      status: 409,
      body: { Error: 'Slot not available' },
    });
    expect((await book(`${MONDAY}T09:00:00`, 'DTX-D-03')).status).toBe(201);
    expect((await book(`${MONDAY}T09:30:00`)).status).toBe(201);
  });

  it('rejects bad bookings with 400 and unknown references with 404', async () => {
    expect((await book('next monday')).status).toBe(400);
    expect(await book(`${MONDAY}T09:00:00Z`)).toEqual({
      status: 400,
      body: { Error: 'StartTime must be office-local time YYYY-MM-DDTHH:mm:ss, without offset' },
    });
    expect((await book(`${MONDAY}T09:00`)).status).toBe(400);
    expect((await book(`${MONDAY}T09:00:00`, 'DTX-D-01', 0)).status).toBe(400);
    expect((await book(`${MONDAY}T09:00:00`, 'DTX-D-99')).status).toBe(404);
    const unknownPatient = await send('POST', '/api/appointments', {
      PatientID: 'DTX-P-999999',
      ProviderID: 'DTX-D-01',
      StartTime: `${MONDAY}T09:00:00`,
      Duration: 30,
    });
    expect(unknownPatient.status).toBe(404);
    expect((await send('GET', '/_control/appointments')).body).toEqual({ appointments: [] });
  });

  it('finds appointments by their local start time, and refuses a start with an offset', async () => {
    const booked = (await book(`${MONDAY}T09:00:00`)).body;
    const find = (start: string) =>
      send<{ Appointments: DentrixAppointment[] }>(
        'GET',
        `/api/appointments?${new URLSearchParams({ patientId: 'DTX-P-000001', start })}`,
      );
    expect((await find(`${MONDAY}T09:00:00`)).body.Appointments).toEqual([booked]);
    expect((await find(`${MONDAY}T09:30:00`)).body.Appointments).toEqual([]);
    expect((await find(`${MONDAY}T09:00:00Z`)).status).toBe(400);
  });

  it('cancels with DELETE: the time is free again, and cancelling again answers the same', async () => {
    const booked = (await book(`${MONDAY}T09:00:00`)).body;
    const cancel = () => send('DELETE', `/api/appointments/${booked.AppointmentID}`);

    const cancelled = await cancel();
    expect(cancelled).toEqual({ status: 200, body: { ...booked, Status: 'Cancelled' } });
    expect(await cancel()).toEqual(cancelled);
    expect((await book(`${MONDAY}T09:00:00`)).status).toBe(201);
    expect(await send('DELETE', '/api/appointments/DTX-A-999999')).toEqual({
      status: 404,
      body: { Error: 'Appointment not found' },
    });
  });

  it('answers 503 on every /api route during an outage, control API still up', async () => {
    await send('POST', '/_control/faults', { outage: true });
    expect((await send('GET', '/api/health')).status).toBe(503);
    expect((await book(`${MONDAY}T09:00:00`)).status).toBe(503);
    expect((await send('GET', '/_control/appointments')).body).toEqual({ appointments: [] });
  });

  it('faults only the routes named, and refuses a route it does not serve', async () => {
    await send('POST', '/_control/faults', {
      rateLimit: { retryAfterSeconds: 3 },
      routes: ['POST /api/appointments'],
    });
    const limited = await fetch(`${sim.url}/api/appointments`, { method: 'POST' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await send('GET', '/api/providers')).status).toBe(200);

    const typo = await send('POST', '/_control/faults', { routes: ['POST /api/appointment'] });
    expect(typo).toEqual({
      status: 400,
      body: {
        field: 'routes[0]',
        error: 'routes[0] is not a route of this simulator: POST /api/appointment',
      },
    });
  });

  it('applies latency after the work: a caller that gives up leaves the booking done', async () => {
    await send('POST', '/_control/faults', { latencyMs: 60_000 });
    const caller = new AbortController();
    const outcome = fetch(`${sim.url}/api/appointments`, {
      method: 'POST',
      headers: { ...authHeaders, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        PatientID: 'DTX-P-000001',
        ProviderID: 'DTX-D-01',
        StartTime: `${MONDAY}T09:00:00`,
        Duration: 30,
      }),
      signal: caller.signal,
    }).then(
      () => 'answered',
      () => 'gave up',
    );

    await eventually('the appointment to be booked', async () => sim.state.appointments.size === 1);
    caller.abort();
    expect(await outcome).toBe('gave up');
    expect([...sim.state.appointments.values()]).toMatchObject([
      { PatientID: 'DTX-P-000001', StartTime: `${MONDAY}T09:00:00` },
    ]);
  });

  it('counts requests per route, refused ones included', async () => {
    await send('GET', '/api/patients/DTX-P-000001');
    await send('GET', '/api/patients/DTX-P-000002');
    await send('GET', '/api/providers', undefined, {});
    await book(`${MONDAY}T09:00:00`);
    await book(`${MONDAY}T09:00:00`);

    expect((await send('GET', '/_control/requests')).body).toEqual({
      'GET /api/patients/:id': 2,
      'GET /api/providers': 1,
      'POST /api/appointments': 2,
    });
  });

  it('resets faults, counts, patients and appointments to the seed', async () => {
    const seeded = (await send('GET', '/_control/patients')).body;
    await send('POST', '/api/patients', {
      FirstName: 'A',
      LastName: 'B',
      DateOfBirth: '2000-01-01',
    });
    await book(`${MONDAY}T09:00:00`);
    await send('POST', '/_control/faults', { outage: true, latencyMs: 5 });

    expect((await send('POST', '/_control/reset')).status).toBe(204);

    expect((await send('GET', '/_control/patients')).body).toEqual(seeded);
    expect((await send('GET', '/_control/appointments')).body).toEqual({ appointments: [] });
    expect((await send('GET', '/_control/requests')).body).toEqual({});
    expect((await send('GET', '/api/health')).status).toBe(200);
    const recreated = await send<DentrixPatient>('POST', '/api/patients', {
      FirstName: 'A',
      LastName: 'B',
      DateOfBirth: '2000-01-01',
    });
    expect(recreated.body.PatientID).toBe('DTX-P-000003');
  });
});

describe('Dentrix simulator in an office on New York time', () => {
  let sim: RunningDentrixSimulator;
  const send = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(sim.url + path, {
      method,
      headers: { ...authHeaders, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    sim = await startDentrixSimulator({ credentials, port: 0, timeZone: 'America/New_York' });
  });
  afterAll(() => sim.close());

  it('keeps working hours on the local clock, in winter and in summer', async () => {
    for (const date of [MONDAY, '2030-07-08']) {
      const { body } = await send('POST', '/api/appointments/availability', {
        Date: date,
        ProviderID: 'DTX-D-01',
      });
      expect(body.Slots[0]).toMatchObject({ StartTime: `${date}T08:00:00` });
      expect(body.Slots.at(-1)).toMatchObject({ EndTime: `${date}T17:00:00` });
    }
  });

  it('stores an appointment planted with an instant at the office wall-clock time', () => {
    const planted = sim.state.addAppointment({
      PatientID: 'DTX-P-000001',
      ProviderID: 'DTX-D-01',
      StartTime: `${MONDAY}T14:00:00Z`,
      Duration: 30,
    });
    expect(planted.StartTime).toBe(`${MONDAY}T09:00:00`);
    sim.state.reset();
  });

  it('refuses a local time the clocks skip (spring forward)', async () => {
    const res = await send('POST', '/api/appointments', {
      PatientID: 'DTX-P-000001',
      ProviderID: 'DTX-D-01',
      StartTime: '2026-03-08T02:30:00',
      Duration: 30,
    });
    expect(res).toEqual({
      status: 400,
      body: { Error: 'StartTime does not exist in the office time zone (the clocks skip it)' },
    });
  });

  it('refuses an unknown time zone at start-up', async () => {
    await expect(startDentrixSimulator({ timeZone: 'Mars/Olympus' })).rejects.toThrow(
      'unknown IANA time zone: Mars/Olympus',
    );
  });
});
