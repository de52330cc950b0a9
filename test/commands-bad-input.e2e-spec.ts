import { randomUUID } from 'node:crypto';
import { RunningDentrixSimulator, startDentrixSimulator } from '@pms-hub/pms-simulators';
import { RunningHub } from '../apps/hub/src/hub';
import { startInProcessHub } from './support/in-process-hub';
import { request } from './support/http';
import { TEST_CREDENTIALS } from './support/offices-file';

const OFFICE = 'bad-input-office';

describe('POST /commands with bad input (in-process hub, real HTTP, embedded store)', () => {
  let simulator: RunningDentrixSimulator;
  let hub: RunningHub;

  beforeAll(async () => {
    simulator = await startDentrixSimulator({ credentials: TEST_CREDENTIALS, port: 0 });
    hub = await startInProcessHub([
      {
        officeId: OFFICE,
        connection: { pmsType: 'dentrix', baseUrl: simulator.url, ...TEST_CREDENTIALS },
      },
    ]);
  });

  afterAll(async () => {
    await hub.close();
    await simulator.close();
  });

  const valid = () => ({
    commandId: randomUUID(),
    type: 'CreatePatient',
    officeId: OFFICE,
    payload: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-12-10' },
  });
  const post = (body: unknown) => request('POST', `${hub.url}/commands`, body);

  it('rejects a body that is not JSON, naming the problem', async () => {
    const response = await request(
      'POST',
      `${hub.url}/commands`,
      undefined,
      '{"payload": {"firstName": Zelda}}',
    );
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual(['the request body is not valid JSON']);
    expect(JSON.stringify(response.body)).not.toContain('Zelda');
  });

  it('rejects a JSON value that is not an object', async () => {
    const response = await post([1, 2]);
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual(['the command must be a JSON object']);
  });

  it('lists every missing field', async () => {
    const response = await post({});
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual(
      expect.arrayContaining([
        'commandId must be a UUID',
        expect.stringMatching(/^type must be one of/),
        expect.stringMatching(/^officeId /),
        'payload must be an object',
      ]),
    );
  });

  it('lists every wrong payload type, without echoing values', async () => {
    const response = await post({
      ...valid(),
      payload: { firstName: 42, lastName: '', dateOfBirth: '1985-02-30', email: 'Ada-at-home' },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual(
      expect.arrayContaining([
        'payload.firstName must be a string',
        'payload.lastName should not be empty',
        'payload.dateOfBirth must be a past date as YYYY-MM-DD',
        'payload.email must be an email address',
      ]),
    );
    expect(JSON.stringify(response.body)).not.toContain('Ada-at-home');
  });

  it('rejects a booking whose start has no offset', async () => {
    const response = await post({
      commandId: randomUUID(),
      type: 'BookAppointment',
      officeId: OFFICE,
      payload: {
        patientId: 'P',
        providerId: 'D',
        start: '2030-01-08T09:00:00',
        durationMinutes: 30,
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual([
      expect.stringMatching(/^payload.start must be an ISO 8601 date-time with an offset/),
    ]);
  });

  it('rejects an unknown command type', async () => {
    const response = await post({ ...valid(), type: 'DeletePatient' });
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual([
      'type must be one of CreatePatient, BookAppointment, CancelAppointment',
    ]);
  });

  it('rejects unknown fields', async () => {
    const response = await post({ ...valid(), extra: true });
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual(['property extra should not exist']);
  });

  it('answers 404 for an unknown office', async () => {
    const response = await post({ ...valid(), officeId: 'nowhere' });
    expect(response.status).toBe(404);
    expect(response.body.message).toBe('unknown office "nowhere"');
    const providers = await request('GET', `${hub.url}/offices/nowhere/providers`);
    expect(providers.status).toBe(404);
  });

  it('answers 409 when a commandId is reused for another command type', async () => {
    const created = await post(valid());
    expect(created.body.status).toBe('succeeded');
    const reused = await post({
      commandId: created.body.commandId,
      type: 'BookAppointment',
      officeId: OFFICE,
      payload: {
        patientId: 'P',
        providerId: 'D',
        start: '2030-01-08T09:00:00Z',
        durationMinutes: 30,
      },
    });
    expect(reused.status).toBe(409);
  });

  it('answers 400 for a malformed availability date and a non-uuid command id', async () => {
    const availability = await request(
      'GET',
      `${hub.url}/offices/${OFFICE}/availability?date=tomorrow`,
    );
    expect(availability.status).toBe(400);
    expect(availability.body.message).toEqual(['date must be a date as YYYY-MM-DD']);
    expect((await request('GET', `${hub.url}/commands/not-a-uuid`)).status).toBe(400);
  });

  it('treats an upper-case commandId as the same command', async () => {
    const command = valid();
    const first = await post(command);
    const again = await post({ ...command, commandId: command.commandId.toUpperCase() });
    expect(again.body).toEqual(first.body);
    const status = await request('GET', `${hub.url}/commands/${command.commandId.toUpperCase()}`);
    expect(status.body).toEqual(first.body);
    const patients = simulator.state.requestCounts.get('POST /api/patients');
    await post({ ...command, commandId: command.commandId.toUpperCase() });
    expect(simulator.state.requestCounts.get('POST /api/patients')).toBe(patients);
  });

  it('answers 404 when the PMS does not know the provider asked about', async () => {
    const response = await request(
      'GET',
      `${hub.url}/offices/${OFFICE}/availability?date=2030-01-08&providerId=DTX-D-99`,
    );
    expect(response.status).toBe(404);
  });

  it('keeps serving after all of it', async () => {
    const response = await post(valid());
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('succeeded');
  });
});
