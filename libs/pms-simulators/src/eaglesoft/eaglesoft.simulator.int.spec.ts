import { RunningEaglesoftSimulator, startEaglesoftSimulator } from './eaglesoft.simulator';
import { TokenAnswer } from './eaglesoft.tokens';
import { EaglesoftAppointment, EaglesoftPatient, EaglesoftSlot } from './eaglesoft.types';

const credentials = {
  username: 'sim-user',
  password: 'sim-secret-pw',
  database: 'SIM_DB',
  clientId: 'sim-client',
  clientSecret: 'sim-client-secret',
};
const tokenRequest = {
  username: 'sim-user',
  password: 'sim-secret-pw',
  database: 'SIM_DB',
  client_id: 'sim-client',
  client_secret: 'sim-client-secret',
};
// 2030-01-07 is a Monday.
const MONDAY = '2030-01-07';
const NY = 'America/New_York';

type Answer<T> = { status: number; body: T; headers: Headers };
type List<T> = { data: T[]; total: number };

describe('Eaglesoft simulator', () => {
  let sim: RunningEaglesoftSimulator;
  let token: string;

  async function send<T = any>(
    method: string,
    path: string,
    body?: unknown,
    /** null: no Authorization header. */
    bearer: string | null = token,
  ): Promise<Answer<T>> {
    const res = await fetch(sim.url + path, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(bearer === null ? {} : { Authorization: `Bearer ${bearer}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }
  const signIn = async () =>
    (await send('POST', '/api/auth/token', tokenRequest, null)).body.access_token as string;
  const book = (start: string, providerId = 'ES-DR-01', duration = 30) =>
    send<EaglesoftAppointment>('POST', '/api/appointments', {
      patient_id: 'ES-P-000001',
      provider_id: providerId,
      start_time: start,
      duration_minutes: duration,
    });

  beforeAll(async () => {
    sim = await startEaglesoftSimulator({ credentials, timeZone: NY, port: 0 });
    token = await signIn();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await send('POST', '/_control/reset');
  });
  afterAll(() => sim.close());

  describe('tokens', () => {
    it('issues a bearer token that expires in an hour by default', async () => {
      const res = await send('POST', '/api/auth/token', tokenRequest, null);
      expect(res).toMatchObject({
        status: 200,
        body: { access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 },
      });
      expect(res.body.access_token).not.toBe(token);
    });

    it.each([
      ['password', { password: 'nope' }],
      ['database', { database: 'OTHER' }],
      ['client id', { client_id: 'nope' }],
      ['client secret', { client_secret: 'nope' }],
    ])('refuses a wrong %s with 401 invalid_client, echoing nothing', async (_label, wrong) => {
      const res = await send('POST', '/api/auth/token', { ...tokenRequest, ...wrong }, null);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'invalid_client' });
    });

    it('refuses a token request missing a field with 400', async () => {
      const { client_secret: _omitted, ...partial } = tokenRequest;
      const res = await send('POST', '/api/auth/token', partial, null);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_request');
    });

    it.each([
      ['no token', null],
      ['an unknown token', 'not-a-token'],
    ])('refuses %s with 401 invalid_token', async (_label, bearer) => {
      const res = await send('GET', '/api/providers', undefined, bearer);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'invalid_token' });
      expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    });

    it('expires a token after its lifetime', async () => {
      const shortLived = await startEaglesoftSimulator({ credentials, tokenLifetimeSeconds: 2 });
      try {
        const now = Date.now();
        const issue = await fetch(`${shortLived.url}/api/auth/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(tokenRequest),
        });
        const { access_token, expires_in } = (await issue.json()) as TokenAnswer;
        expect(expires_in).toBe(2);
        const status = async () =>
          (
            await fetch(`${shortLived.url}/api/system/status`, {
              headers: { Authorization: `Bearer ${access_token}` },
            })
          ).status;

        // The clock, not a wait: the simulator reads Date.now().
        jest.spyOn(Date, 'now').mockReturnValue(now + 1_900);
        expect(await status()).toBe(200);
        jest.spyOn(Date, 'now').mockReturnValue(now + 2_100);
        expect(await status()).toBe(401);
      } finally {
        await shortLived.close();
      }
    });

    it('expires every issued token on demand, and counts issues and refusals', async () => {
      const second = await signIn();
      await send('POST', '/api/auth/token', { ...tokenRequest, password: 'x' }, null);
      expect((await send('GET', '/_control/tokens')).body).toEqual({
        issued: 1,
        active: expect.any(Number),
        invalidClient: 1,
        invalidToken: 0,
      });

      expect((await send('POST', '/_control/tokens/expire')).status).toBe(204);

      expect((await send('GET', '/api/providers')).status).toBe(401);
      expect((await send('GET', '/api/providers', undefined, second)).status).toBe(401);
      expect((await send('GET', '/_control/tokens')).body).toMatchObject({
        active: 0,
        invalidToken: 2,
      });
      token = await signIn();
      expect((await send('GET', '/api/providers')).status).toBe(200);
    });
  });

  it('reports its status, database and time zone', async () => {
    expect((await send('GET', '/api/system/status')).body).toEqual({
      status: 'online',
      version: expect.any(String),
      database: 'SIM_DB',
      time_zone: NY,
    });
  });

  it('creates, fetches and searches patients in snake_case', async () => {
    const created = await send<EaglesoftPatient>('POST', '/api/patients', {
      first_name: 'Zoe',
      last_name: 'Quinn',
      birth_date: '1990-02-03',
      phone: '(555) 010-9999',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      patient_id: expect.stringMatching(/^ES-P-\d{6}$/),
      first_name: 'Zoe',
      last_name: 'Quinn',
      birth_date: '1990-02-03',
      phone: '(555) 010-9999',
    });

    const id = created.body.patient_id;
    expect((await send('GET', `/api/patients/${id}`)).body).toEqual(created.body);
    const byName = await send<List<EaglesoftPatient>>(
      'GET',
      '/api/patients/search?first_name=zoe&last_name=QUINN',
    );
    expect(byName.body).toEqual({ data: [created.body], total: 1 });
    const byPhone = await send<List<EaglesoftPatient>>(
      'GET',
      '/api/patients/search?phone=5550109999',
    );
    expect(byPhone.body.data).toEqual([created.body]);
  });

  it('rejects invalid patients, empty searches and unknown ids', async () => {
    expect(await send('POST', '/api/patients', { first_name: 'Zoe' })).toMatchObject({
      status: 400,
      body: { error: 'validation_error', message: 'last_name is required' },
    });
    const badDate = { first_name: 'Zoe', last_name: 'Quinn', birth_date: '1990-02-30' };
    expect((await send('POST', '/api/patients', badDate)).status).toBe(400);
    expect((await send('GET', '/api/patients/search')).status).toBe(400);
    expect(await send('GET', '/api/patients/ES-P-999999')).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
  });

  it('lists providers with the locations they work at, and locations with the zone', async () => {
    const providers = (await send('GET', '/api/providers')).body;
    const locations = (await send('GET', '/api/locations')).body;
    expect(providers.total).toBeGreaterThanOrEqual(3);
    expect(providers.data).toContainEqual({
      provider_id: 'ES-HY-01',
      first_name: 'Iris',
      last_name: 'Novak',
      specialty: 'Hygiene',
      location_ids: ['ES-LOC-01', 'ES-LOC-02'],
    });
    expect(locations.data).toHaveLength(2);
    expect(locations.data[0]).toMatchObject({ location_id: 'ES-LOC-01', time_zone: NY });
  });

  it('offers 30-minute slots of office-local working hours, outside lunch and bookings', async () => {
    await book(`${MONDAY}T09:00:00`);
    const res = await send<List<EaglesoftSlot>>('POST', '/api/appointments/availability', {
      date: MONDAY,
      provider_id: 'ES-DR-01',
    });
    expect(res.body.data.map((s) => s.start_time.slice(11, 16))).toEqual([
      ...['08:00', '08:30', '09:30', '10:00', '10:30', '11:00', '11:30'],
      ...['13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'],
    ]);
    expect(res.body.data[0]).toEqual({
      provider_id: 'ES-DR-01',
      location_id: 'ES-LOC-01',
      start_time: `${MONDAY}T08:00:00`,
      end_time: `${MONDAY}T08:30:00`,
    });
    const saturday = await send('POST', '/api/appointments/availability', { date: '2030-01-12' });
    expect(saturday.body).toEqual({ data: [], total: 0 });
  });

  it('books office-local times with 201 and refuses an overlap with 409', async () => {
    const first = await book(`${MONDAY}T09:00:00`);
    expect(first).toMatchObject({
      status: 201,
      body: {
        appointment_id: expect.stringMatching(/^ES-A-\d{6}$/),
        location_id: 'ES-LOC-01',
        start_time: `${MONDAY}T09:00:00`,
        duration_minutes: 30,
        status: 'scheduled',
      },
    });
    expect(await book(`${MONDAY}T08:45:00`)).toMatchObject({
      status: 409,
      body: { error: 'slot_unavailable' },
    });
    expect((await book(`${MONDAY}T09:00:00`, 'ES-HY-01')).status).toBe(201);
    expect((await book(`${MONDAY}T09:30:00`)).status).toBe(201);
  });

  it('refuses times with an offset and wall-clock times the office zone skips', async () => {
    expect((await book(`${MONDAY}T09:00:00Z`)).status).toBe(400);
    expect((await book(`${MONDAY}T09:00:00-05:00`)).status).toBe(400);
    // 2026-03-08 02:30 never happens in New York: the clocks jump from 02:00 to 03:00.
    expect(await book('2026-03-08T02:30:00')).toMatchObject({
      status: 400,
      body: { message: `start_time does not exist in ${NY}` },
    });
    expect((await send('GET', '/_control/appointments')).body).toEqual({ appointments: [] });
  });

  it('rejects bad bookings with 400 and unknown references with 404', async () => {
    expect((await book(`${MONDAY}T09:00:00`, 'ES-DR-01', 0)).status).toBe(400);
    expect((await book(`${MONDAY}T09:00:00`, 'ES-DR-99')).status).toBe(404);
    const unknownPatient = await send('POST', '/api/appointments', {
      patient_id: 'ES-P-999999',
      provider_id: 'ES-DR-01',
      start_time: `${MONDAY}T09:00:00`,
      duration_minutes: 30,
    });
    expect(unknownPatient.status).toBe(404);
    expect((await send('GET', '/_control/appointments')).body).toEqual({ appointments: [] });
  });

  it('finds appointments by patient, provider and office-local start', async () => {
    const booked = (await book(`${MONDAY}T09:00:00`)).body;
    const search = (start: string) =>
      send<List<EaglesoftAppointment>>(
        'GET',
        `/api/appointments?${new URLSearchParams({
          patient_id: 'ES-P-000001',
          provider_id: 'ES-DR-01',
          start,
        })}`,
      );
    expect((await search(`${MONDAY}T09:00:00`)).body.data).toEqual([booked]);
    expect((await search(`${MONDAY}T09:30:00`)).body.data).toEqual([]);
    expect((await search(`${MONDAY}T09:00:00Z`)).status).toBe(400);
  });

  it('cancels with POST …/cancel: idempotent, frees the slot, 404 when unknown', async () => {
    const booked = (await book(`${MONDAY}T09:00:00`)).body;
    const cancel = () => send('POST', `/api/appointments/${booked.appointment_id}/cancel`);

    expect(await cancel()).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect(await cancel()).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect((await book(`${MONDAY}T09:00:00`)).status).toBe(201);
    expect((await send('POST', '/api/appointments/ES-A-999999/cancel')).status).toBe(404);
  });

  it('gates every vendor route, the token route included, through the faults', async () => {
    await send('POST', '/_control/faults', { outage: true });
    expect((await send('POST', '/api/auth/token', tokenRequest, null)).status).toBe(503);
    expect((await send('GET', '/api/providers')).status).toBe(503);
    expect((await book(`${MONDAY}T09:00:00`)).status).toBe(503);
    expect((await send('GET', '/_control/appointments')).body).toEqual({ appointments: [] });

    expect((await send('GET', '/_control/requests')).body).toEqual({
      'POST /api/auth/token': 1,
      'GET /api/providers': 1,
      'POST /api/appointments': 1,
    });
  });

  it('answers an unknown endpoint with 404', async () => {
    expect(await send('GET', '/api/nowhere')).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
  });

  it('resets data, faults and counts to the seed, keeping sessions', async () => {
    const seeded = (await send('GET', '/_control/patients')).body;
    await send('POST', '/api/patients', {
      first_name: 'A',
      last_name: 'B',
      birth_date: '2000-01-01',
    });
    await book(`${MONDAY}T09:00:00`);
    await send('POST', '/_control/faults', { outage: true });

    expect((await send('POST', '/_control/reset')).status).toBe(204);

    expect((await send('GET', '/_control/patients')).body).toEqual(seeded);
    expect((await send('GET', '/_control/appointments')).body).toEqual({ appointments: [] });
    expect((await send('GET', '/_control/requests')).body).toEqual({});
    expect((await send('GET', '/_control/tokens')).body).toMatchObject({ issued: 0 });
    const recreated = await send('POST', '/api/patients', {
      first_name: 'A',
      last_name: 'B',
      birth_date: '2000-01-01',
    });
    expect(recreated.body.patient_id).toBe('ES-P-000003');
  });
});
