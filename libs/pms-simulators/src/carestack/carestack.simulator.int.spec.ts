import { RunningCareStackSimulator, startCareStackSimulator } from './carestack.simulator';
import { CareStackAppointment, CareStackPatient, CareStackSlot } from './carestack.types';

const credentials = {
  username: 'sim-user',
  password: 'sim-secret-pw',
  vendorKey: 'sim-vendor-key',
  accountKey: 'sim-account-key',
  accountId: '4242',
};
const grant = {
  grant_type: 'password',
  username: credentials.username,
  password: credentials.password,
  client_id: credentials.vendorKey,
  client_secret: credentials.accountKey,
};
const bearer = (token: string) => ({ Authorization: `Bearer ${token}`, AccountId: '4242' });
// 2030-01-07 is a Monday.
const MONDAY = '2030-01-07';

interface Answer<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

describe('CareStack simulator', () => {
  let sim: RunningCareStackSimulator;
  let token: string;

  async function raw<T>(
    url: string,
    method: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<Answer<T>> {
    const res = await fetch(url, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }
  const requestToken = (form: Record<string, string> = grant, target = sim) =>
    raw<any>(
      `${target.url}/connect/token`,
      'POST',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      new URLSearchParams(form).toString(),
    );
  const api = <T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = { Authorization: `Bearer ${token}`, AccountId: '4242' },
    target = sim,
  ) =>
    raw<T>(
      `${target.url}/api/v1.0${path}`,
      method,
      { ...headers, 'Content-Type': 'application/json' },
      body === undefined ? undefined : JSON.stringify(body),
    );
  const control = <T = any>(method: string, path: string, body?: unknown) =>
    raw<T>(
      `${sim.url}/_control${path}`,
      method,
      { 'Content-Type': 'application/json' },
      body === undefined ? undefined : JSON.stringify(body),
    );
  const book = (startDateTime: string, providerId = 11, duration = 30) =>
    api<CareStackAppointment>('POST', '/appointments', {
      patientId: 1001,
      providerId,
      startDateTime,
      duration,
    });

  beforeAll(async () => {
    sim = await startCareStackSimulator({ credentials, port: 0 });
    token = (await requestToken()).body.access_token;
  });
  afterEach(() => control('POST', '/reset'));
  afterAll(() => sim.close());

  describe('token endpoint', () => {
    it('grants a bearer token for the password grant, never to be cached', async () => {
      const res = await requestToken();
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 3600,
      });
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(
        (await api('GET', '/providers', undefined, bearer(res.body.access_token))).status,
      ).toBe(200);
    });

    it.each([
      ['a wrong vendor key', { client_id: 'nope' }, 401, 'invalid_client'],
      ['a wrong account key', { client_secret: 'nope' }, 401, 'invalid_client'],
      ['a wrong password', { password: 'nope' }, 400, 'invalid_grant'],
      ['a wrong username', { username: 'nope' }, 400, 'invalid_grant'],
      ['another grant type', { grant_type: 'client_credentials' }, 400, 'unsupported_grant_type'],
    ])('refuses %s, echoing nothing', async (_label, wrong, status, error) => {
      const res = await requestToken({ ...grant, ...wrong });
      expect({ status: res.status, body: res.body }).toEqual({ status, body: { error } });
    });
  });

  describe('API authentication', () => {
    it.each([
      ['no token', {}],
      ['an unknown token', bearer('forged')],
    ])('refuses %s with 401 and a Bearer challenge', async (_label, headers) => {
      const res = await api('GET', '/providers', undefined, headers);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: 'Unauthorized' });
      expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    });

    it('refuses another account id with 403', async () => {
      const res = await api('GET', '/providers', undefined, { ...bearer(token), AccountId: '1' });
      expect({ status: res.status, body: res.body }).toEqual({
        status: 403,
        body: { message: 'Forbidden' },
      });
    });

    it('ends every token on /_control/tokens/expire', async () => {
      expect((await control('GET', '/tokens')).body.live).toBeGreaterThan(0);
      expect((await control('POST', '/tokens/expire')).status).toBe(204);
      expect((await control('GET', '/tokens')).body.live).toBe(0);
      expect((await api('GET', '/providers')).status).toBe(401);
      token = (await requestToken()).body.access_token;
      expect((await api('GET', '/providers')).status).toBe(200);
    });

    it('lets a token expire after its lifetime', async () => {
      const shortLived = await startCareStackSimulator({ credentials, tokenLifetimeSeconds: 60 });
      fakeDateOnly();
      try {
        const granted = (await requestToken(grant, shortLived)).body;
        expect(granted.expires_in).toBe(60);
        const call = () =>
          api('GET', '/status', undefined, bearer(granted.access_token), shortLived);
        jest.setSystemTime(Date.now() + 59_000);
        expect((await call()).status).toBe(200);
        jest.setSystemTime(Date.now() + 1_000);
        expect((await call()).status).toBe(401);
      } finally {
        jest.useRealTimers();
        await shortLived.close();
      }
    });
  });

  it('answers status with the account and the office time zone', async () => {
    const newYork = await startCareStackSimulator({ credentials, timeZone: 'America/New_York' });
    try {
      const granted = (await requestToken(grant, newYork)).body;
      const res = await api('GET', '/status', undefined, bearer(granted.access_token), newYork);
      expect(res.body).toEqual({
        status: 'Healthy',
        apiVersion: expect.any(String),
        accountId: '4242',
        timeZone: 'America/New_York',
      });
    } finally {
      await newYork.close();
    }
  });

  it('refuses an unknown time zone at start', async () => {
    await expect(startCareStackSimulator({ timeZone: 'Mars/Olympus_Mons' })).rejects.toThrow(
      'unknown time zone Mars/Olympus_Mons',
    );
  });

  it('creates, fetches and searches patients case-insensitively, with numeric ids', async () => {
    const created = await api<CareStackPatient>('POST', '/patients', {
      firstName: 'Zoe',
      lastName: 'Quinn',
      dob: '1990-02-03',
      mobileNumber: '(555) 010-9999',
    });
    expect(created.status).toBe(201);
    expect(created.body.patientId).toBe(1003);

    expect((await api('GET', '/patients/1003')).body).toEqual(created.body);
    const byName = await api('GET', '/patients/search?firstName=zoe&lastName=QUINN');
    expect(byName.body).toEqual([created.body]);
    const byPhone = await api('GET', '/patients/search?mobileNumber=5550109999');
    expect(byPhone.body).toEqual([created.body]);
    const miss = await api('GET', '/patients/search?firstName=zoe&dob=1990-02-04');
    expect(miss.body).toEqual([]);
  });

  it('refuses invalid patients and empty searches with 400, unknown ids with 404', async () => {
    const missing = await api('POST', '/patients', { firstName: 'Zoe' });
    expect({ status: missing.status, body: missing.body }).toEqual({
      status: 400,
      body: { message: 'lastName is required' },
    });
    const badDate = await api('POST', '/patients', {
      firstName: 'Zoe',
      lastName: 'Quinn',
      dob: '1990-02-30',
    });
    expect(badDate.status).toBe(400);
    expect((await api('GET', '/patients/search')).status).toBe(400);
    expect((await api('GET', '/patients/999999')).status).toBe(404);
    expect((await api('GET', '/patients/P-1001')).status).toBe(404);
    expect((await api('GET', '/nothing-here')).status).toBe(404);
  });

  it('seeds three providers across two locations, in the office zone', async () => {
    const providers = (await api('GET', '/providers')).body;
    const locations = (await api('GET', '/locations')).body;
    expect(providers).toHaveLength(3);
    expect(providers).toContainEqual({
      providerId: 13,
      firstName: 'Lena',
      lastName: 'Hoffmann',
      specialty: 'Hygiene',
      locationIds: [1, 2],
    });
    expect(locations).toEqual([
      { locationId: 1, name: expect.any(String), address: expect.any(String), timeZone: 'UTC' },
      { locationId: 2, name: expect.any(String), address: expect.any(String), timeZone: 'UTC' },
    ]);
  });

  it('offers 30-minute slots in office-local time, outside lunch and bookings', async () => {
    expect((await book(`${MONDAY}T09:00:00`)).status).toBe(201);
    const res = await api<CareStackSlot[]>(
      'GET',
      `/appointments/available-slots?date=${MONDAY}&providerId=11`,
    );
    expect(res.body.map((s) => s.startDateTime.slice(11, 16))).toEqual([
      ...['08:00', '08:30', '09:30', '10:00', '10:30', '11:00', '11:30'],
      ...['13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'],
    ]);
    expect(res.body[0]).toEqual({
      providerId: 11,
      locationId: 1,
      startDateTime: `${MONDAY}T08:00:00`,
      endDateTime: `${MONDAY}T08:30:00`,
    });
    const weekend = await api('GET', '/appointments/available-slots?date=2030-01-12');
    expect(weekend.body).toEqual([]);
    const atLocation2 = await api<CareStackSlot[]>(
      'GET',
      '/appointments/available-slots?date=2030-01-09&locationId=2',
    );
    expect([...new Set(atLocation2.body.map((s) => s.providerId))].sort()).toEqual([12, 13]);
  });

  it('books with 201 and refuses an overlap for the same provider with 409', async () => {
    const first = await book(`${MONDAY}T09:00:00`);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      appointmentId: 50001,
      patientId: 1001,
      providerId: 11,
      locationId: 1,
      startDateTime: `${MONDAY}T09:00:00`,
      duration: 30,
      status: 'Scheduled',
    });
    const overlap = await book(`${MONDAY}T08:45:00`);
    expect({ status: overlap.status, body: overlap.body }).toEqual({
      status: 409,
      body: { message: 'The requested time slot is not available' },
    });
    expect((await book(`${MONDAY}T09:00:00`, 13)).status).toBe(201);
    expect((await book(`${MONDAY}T09:30:00`)).status).toBe(201);
  });

  it('refuses times with an offset, bad bookings with 400 and unknown references with 404', async () => {
    expect((await book(`${MONDAY}T09:00:00Z`)).status).toBe(400);
    expect((await book(`${MONDAY}T09:00:00-05:00`)).status).toBe(400);
    expect((await book(`${MONDAY}T09:00`)).status).toBe(400);
    expect((await book(`${MONDAY}T09:00:00`, 11, 0)).status).toBe(400);
    const textId = await api('POST', '/appointments', {
      patientId: '1001',
      providerId: 11,
      startDateTime: `${MONDAY}T09:00:00`,
      duration: 30,
    });
    expect(textId.status).toBe(400);
    expect((await book(`${MONDAY}T09:00:00`, 99)).status).toBe(404);
    const unknownPatient = await api('POST', '/appointments', {
      patientId: 999999,
      providerId: 11,
      startDateTime: `${MONDAY}T09:00:00`,
      duration: 30,
    });
    expect(unknownPatient.status).toBe(404);
    expect((await control('GET', '/appointments')).body).toEqual({ appointments: [] });
  });

  it('refuses a wall time the office clock skips, and treats a repeated hour as one', async () => {
    const newYork = await startCareStackSimulator({ credentials, timeZone: 'America/New_York' });
    try {
      const auth = bearer((await requestToken(grant, newYork)).body.access_token);
      const bookAt = (startDateTime: string) =>
        api(
          'POST',
          '/appointments',
          { patientId: 1001, providerId: 11, startDateTime, duration: 30 },
          auth,
          newYork,
        );
      const skipped = await bookAt('2030-03-10T02:30:00');
      expect(skipped.status).toBe(400);
      expect(skipped.body.message).toContain('America/New_York');
      // The PMS stores wall time: 01:30 before and after the fall-back is the same slot to it.
      expect((await bookAt('2030-11-03T01:30:00')).status).toBe(201);
      expect((await bookAt('2030-11-03T01:45:00')).status).toBe(409);
    } finally {
      await newYork.close();
    }
  });

  it('finds appointments by patient, provider and local start, cancelled ones included', async () => {
    const booked = (await book(`${MONDAY}T09:00:00`)).body;
    await book(`${MONDAY}T10:00:00`);
    const query = `patientId=1001&providerId=11&startDateTime=${MONDAY}T09:00:00`;
    expect((await api('GET', `/appointments?${query}`)).body).toEqual([booked]);

    await api('PUT', `/appointments/${booked.appointmentId}/cancel`);
    expect((await api('GET', `/appointments?${query}`)).body).toEqual([
      { ...booked, status: 'Cancelled' },
    ]);
    expect((await api('GET', '/appointments?startDateTime=2030-01-07T09:00:00Z')).status).toBe(400);
  });

  it('cancels idempotently, freeing the slot; unknown ids are 404', async () => {
    const booked = (await book(`${MONDAY}T09:00:00`)).body;
    const path = `/appointments/${booked.appointmentId}/cancel`;
    const cancelled = await api('PUT', path);
    expect({ status: cancelled.status, body: cancelled.body }).toEqual({
      status: 200,
      body: { ...booked, status: 'Cancelled' },
    });
    expect((await api('PUT', path)).status).toBe(200);
    expect((await book(`${MONDAY}T09:00:00`)).status).toBe(201);
    expect((await api('PUT', '/appointments/999999/cancel')).status).toBe(404);
    expect((await api('PUT', '/appointments/abc/cancel')).status).toBe(404);
  });

  it('counts requests per declared route, refused ones included', async () => {
    await requestToken({ ...grant, password: 'nope' });
    await api('GET', '/patients/1001');
    await api('GET', '/patients/1002', undefined, {});
    await book(`${MONDAY}T09:00:00`);
    await book(`${MONDAY}T09:00:00`);
    expect((await control('GET', '/requests')).body).toEqual({
      'POST /connect/token': 1,
      'GET /api/v1.0/patients/:patientId': 2,
      'POST /api/v1.0/appointments': 2,
    });
  });

  it('runs every vendor route, token endpoint included, through the shared faults', async () => {
    expect((await control('POST', '/faults', { outage: true })).status).toBe(200);
    expect((await requestToken()).status).toBe(503);
    expect((await api('GET', '/status')).status).toBe(503);
    expect((await book(`${MONDAY}T09:00:00`)).status).toBe(503);
    expect((await control('GET', '/appointments')).body).toEqual({ appointments: [] });

    await control('POST', '/faults', {
      malformedJson: true,
      routes: ['GET /api/v1.0/providers'],
    });
    const malformed = await fetch(`${sim.url}/api/v1.0/providers`, { headers: bearer(token) });
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
    expect((await api('GET', '/locations')).status).toBe(200);
  });

  it('resets data, faults and counts to the seed, keeping issued tokens', async () => {
    const seeded = (await control('GET', '/patients')).body;
    await api('POST', '/patients', { firstName: 'A', lastName: 'B', dob: '2000-01-01' });
    await book(`${MONDAY}T09:00:00`);
    await control('POST', '/faults', { outage: true });
    expect((await control('POST', '/reset')).status).toBe(204);
    expect((await control('GET', '/patients')).body).toEqual(seeded);
    expect((await control('GET', '/appointments')).body).toEqual({ appointments: [] });
    expect((await control('GET', '/requests')).body).toEqual({});
    expect((await api('GET', '/status')).status).toBe(200);
    const recreated = await api('POST', '/patients', {
      firstName: 'A',
      lastName: 'B',
      dob: '2000-01-01',
    });
    expect(recreated.body.patientId).toBe(1003);
  });
});

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
