import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from './support/http';
import { HubProcess, startHubProcess } from './support/hub-process';
import { listeningPorts } from './support/listening-ports';

const OFFICE = 'demo-dentrix';
const DATE = '2030-01-08';

describe('the README quick start: `npm start` on the embedded default (real process, real HTTP)', () => {
  let dir: string;
  let hub: HubProcess;
  let simulatorUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-start-'));
    hub = await startHubProcess({ DATA_DIR: join(dir, 'data') }, ['npm', 'start', '--silent']);
    simulatorUrl = /office demo-dentrix: dentrix at (http:\/\/[^\s,]+)/.exec(hub.output())![1];
  }, 180000);

  afterAll(async () => {
    await hub?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  const appointmentCalls = async (): Promise<number> =>
    (await request('GET', `${simulatorUrl}/_control/requests`)).body['POST /api/appointments'] ?? 0;

  it('runs the four demo offices, each PMS but the dummy on its in-process simulator', async () => {
    const offices = await request('GET', `${hub.url}/offices`);
    expect(offices.status).toBe(200);
    expect(offices.body.map(({ officeId, pmsType }: any) => [officeId, pmsType])).toEqual([
      ['demo-carestack', 'carestack'],
      ['demo-dentrix', 'dentrix'],
      ['demo-dummy', 'dummy'],
      ['demo-eaglesoft', 'eaglesoft'],
    ]);
    expect(hub.output()).toContain('demo mode: in-process PMS simulators serve the demo offices');
    // The hub's port and three simulators' (npm, the shell and node share the process group).
    expect(listeningPorts(hub.child.pid!)).toHaveLength(4);
  });

  it('says where to look', () => {
    expect(hub.output()).toContain('OpenAPI docs:');
    expect(hub.output()).toContain(`event store: embedded, ${join(dir, 'data', 'events.sqlite')}`);
  });

  it('creates a patient, books the first free slot, rejects a double booking, never runs twice', async () => {
    const providers = await request('GET', `${hub.url}/offices/${OFFICE}/providers`);
    expect(providers.status).toBe(200);
    expect(providers.body.length).toBeGreaterThan(0);

    const slots = await request('GET', `${hub.url}/offices/${OFFICE}/availability?date=${DATE}`);
    expect(slots.status).toBe(200);
    const [slot] = slots.body;
    expect(slot).toEqual({
      providerId: expect.any(String),
      locationId: expect.any(String),
      start: expect.stringMatching(/^2030-01-08T/),
      end: expect.any(String),
    });

    const patient = await request('POST', `${hub.url}/commands`, {
      commandId: randomUUID(),
      type: 'CreatePatient',
      officeId: OFFICE,
      payload: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-12-10' },
    });
    expect(patient.status).toBe(202);
    expect(patient.body).toMatchObject({
      status: 'succeeded',
      result: { patientId: expect.any(String) },
    });

    const payload = {
      patientId: patient.body.result.patientId,
      providerId: slot.providerId,
      start: slot.start,
      durationMinutes: 30,
    };
    const first = { commandId: randomUUID(), type: 'BookAppointment', officeId: OFFICE, payload };
    const booked = await request('POST', `${hub.url}/commands`, first);
    expect(booked.status).toBe(202);
    expect(booked.body).toEqual({
      commandId: first.commandId,
      type: 'BookAppointment',
      officeId: OFFICE,
      status: 'succeeded',
      result: { appointmentId: expect.any(String) },
    });
    expect((await request('GET', `${hub.url}/commands/${first.commandId}`)).body).toEqual(
      booked.body,
    );

    const again = await request('POST', `${hub.url}/commands`, {
      ...first,
      commandId: randomUUID(),
    });
    expect(again.body.status).toBe('rejected');
    expect(again.body.reason).toMatch(/slot/i);

    const callsBefore = await appointmentCalls();
    expect(callsBefore).toBe(2);
    const reposted = await request('POST', `${hub.url}/commands`, first);
    expect(reposted).toEqual(booked);
    expect(await appointmentCalls()).toBe(callsBefore);

    const slotsAfter = await request(
      'GET',
      `${hub.url}/offices/${OFFICE}/availability?date=${DATE}`,
    );
    expect(slotsAfter.body).not.toContainEqual(slot);
  });

  it('serves its OpenAPI description at /docs', async () => {
    const page = await request('GET', `${hub.url}/docs`);
    expect(page.status).toBe(200);
    const spec = await request('GET', `${hub.url}/docs-json`);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/commands',
        '/commands/{commandId}',
        '/offices/{officeId}/providers',
        '/offices/{officeId}/availability',
        '/offices/{officeId}/locations',
        '/offices/{officeId}/patients',
      ]),
    );
  });

  it('answers 404 for an unknown command', async () => {
    const unknown = await request('GET', `${hub.url}/commands/${randomUUID()}`);
    expect(unknown.status).toBe(404);
  });
});
