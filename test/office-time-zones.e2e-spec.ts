import { randomUUID } from 'node:crypto';
import { RunningDentrixSimulator, startDentrixSimulator } from '@pms-hub/pms-simulators';
import { RunningHub } from '../apps/hub/src/hub';
import { request } from './support/http';
import { startInProcessHub } from './support/in-process-hub';
import { TEST_CREDENTIALS } from './support/offices-file';

const OFFICE = 'new-york-office';
const NY = 'America/New_York';

describe('an office in America/New_York across daylight-saving changes (in-process hub, real simulator)', () => {
  let simulator: RunningDentrixSimulator;
  let hub: RunningHub;
  let patientId: string;

  beforeAll(async () => {
    simulator = await startDentrixSimulator({
      credentials: TEST_CREDENTIALS,
      port: 0,
      timeZone: NY,
    });
    hub = await startInProcessHub([
      {
        officeId: OFFICE,
        timeZone: NY,
        connection: { pmsType: 'dentrix', baseUrl: simulator.url, ...TEST_CREDENTIALS },
      },
    ]);
    patientId = simulator.state.addPatient({
      FirstName: 'Dee',
      LastName: 'Esty',
      DateOfBirth: '1980-01-01',
    }).PatientID;
  });
  afterAll(async () => {
    await hub.close();
    await simulator.close();
  });

  const book = (providerId: string, start: string) =>
    request('POST', `${hub.url}/commands`, {
      commandId: randomUUID(),
      type: 'BookAppointment',
      officeId: OFFICE,
      payload: { patientId, providerId, start, durationMinutes: 30 },
    });

  it('books 01:30 on the fall-back day at either offset, each kept exactly as given', async () => {
    const providers = simulator.state.providers.map((p) => p.ProviderID);
    const starts = ['2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00'];
    for (const [i, start] of starts.entries()) {
      const booked = await book(providers[i], start);
      expect(booked.body).toMatchObject({ status: 'succeeded' });
    }
    // The PMS keeps wall-clock time; the hub tells the two 01:30s apart by what it sent.
    const stored = [...simulator.state.appointments.values()].map((a) => a.StartTime);
    expect(stored).toEqual(['2026-11-01T01:30:00', '2026-11-01T01:30:00']);
  });

  it('rejects 02:30 on the spring-forward day with a clear reason, sending nothing to the PMS', async () => {
    const before = simulator.state.requestCounts.get('POST /api/appointments') ?? 0;
    const outcome = await book(
      simulator.state.providers[0].ProviderID,
      '2026-03-08T02:30:00-05:00',
    );
    expect(outcome.body.status).toBe('rejected');
    expect(outcome.body.reason).toMatch(
      /2026-03-08T02:30:00 does not exist in America\/New_York \(the clocks skip that hour\)/,
    );
    expect(simulator.state.requestCounts.get('POST /api/appointments') ?? 0).toBe(before);
  });
});
