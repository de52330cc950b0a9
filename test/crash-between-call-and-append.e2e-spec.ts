import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningDentrixSimulator, startDentrixSimulator } from '@pms-hub/pms-simulators';
import { createEventStore } from '@pms-hub/event-store';
import { eventually } from '@pms-hub/testing';
import { request } from './support/http';
import { HubProcess, startHubProcess } from './support/hub-process';
import { TEST_CREDENTIALS, writeOfficesFile } from './support/offices-file';

const OFFICE = 'crash-office';

describe('a hub killed between the PMS call and the append (real hub processes, real HTTP)', () => {
  let dir: string;
  let simulator: RunningDentrixSimulator;
  let hub: HubProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pms-hub-crash-'));
    simulator = await startDentrixSimulator({ credentials: TEST_CREDENTIALS, port: 0 });
  });

  afterAll(async () => {
    await hub?.kill('SIGKILL');
    await simulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reconciles on restart: exactly one appointment, found instead of booked again', async () => {
    const env = {
      DATA_DIR: join(dir, 'data'),
      OFFICES_FILE: writeOfficesFile(dir, OFFICE, simulator.url),
      // The dead hub's call is over: the restarted hub may reconcile at once.
      RECONCILE_AFTER_MS: '0',
    };
    hub = await startHubProcess(env);

    const patient = await request('POST', `${hub.url}/commands`, {
      commandId: randomUUID(),
      type: 'CreatePatient',
      officeId: OFFICE,
      payload: { firstName: 'Grace', lastName: 'Hopper', dateOfBirth: '1906-12-09' },
    });
    expect(patient.body.status).toBe('succeeded');
    const slots = await request('GET', `${hub.url}/offices/${OFFICE}/availability?date=2026-12-01`);
    const slot = slots.body[0];
    const booking = {
      commandId: randomUUID(),
      type: 'BookAppointment',
      officeId: OFFICE,
      payload: {
        patientId: patient.body.result.patientId,
        providerId: slot.providerId,
        start: slot.start,
        durationMinutes: 30,
      },
    };

    // The simulator books at once but holds its answer, so the hub dies holding an unanswered call.
    await request('POST', `${simulator.url}/_control/faults`, { latencyMs: 8000 });
    const inFlight = request('POST', `${hub.url}/commands`, booking).catch((error: Error) => error);
    await eventually('the booking to reach the PMS', async () =>
      simulator.state.appointments.size === 1 ? true : undefined,
    );
    await hub.kill('SIGKILL');
    // The client saw the connection drop: it cannot know whether the booking happened.
    expect(await inFlight).toHaveProperty('message', 'fetch failed');
    await request('POST', `${simulator.url}/_control/faults`, { latencyMs: 0 });

    hub = await startHubProcess(env);
    const pendingAfterCrash = await request('GET', `${hub.url}/commands/${booking.commandId}`);
    expect(pendingAfterCrash.body.status).toBe('pending');

    const resubmitted = await request('POST', `${hub.url}/commands`, booking);
    const [appointment] = [...simulator.state.appointments.values()];
    expect(resubmitted.status).toBe(202);
    expect(resubmitted.body).toMatchObject({
      status: 'succeeded',
      result: { appointmentId: appointment.AppointmentID },
    });
    expect(simulator.state.appointments.size).toBe(1);
    expect(simulator.state.requestCounts.get('POST /api/appointments')).toBe(1);

    await hub.kill('SIGTERM');
    hub = undefined;
    const { store } = createEventStore({
      kind: 'embedded',
      path: join(env.DATA_DIR, 'events.sqlite'),
    });
    const events = await store.readStream(`booking-${booking.commandId}`);
    await store.close();
    expect(events.map((e) => [e.type, (e.data as { via?: string }).via])).toEqual([
      ['BookingRequested', undefined],
      ['AppointmentBooked', 'reconciliation'],
    ]);
  });
});
