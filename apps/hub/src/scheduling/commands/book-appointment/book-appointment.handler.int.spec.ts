import { randomUUID } from 'node:crypto';
import { BookingEvent, EventMetadata, SCHEMA_VERSION, bookingStream } from '@pms-hub/domain';
import { eventually } from '@pms-hub/testing';
import { toEventsToAppend } from '../../../platform/event-store/stored-events';
import {
  FaultyPms,
  answerLosingProxy,
  garbageAnsweringPms,
} from '../../pms-process/faulty-pms.testing';
import {
  ProcessHarness,
  envelope,
  startProcessHarness,
} from '../../pms-process/process-harness.testing';
import { BookAppointmentCommand } from './book-appointment.command';
import { BookAppointmentHandler } from './book-appointment.handler';
import { BookAppointmentPayload } from './book-appointment.dto';

const BOOK = 'POST /api/appointments';

describe('BookAppointmentHandler (real Dentrix simulator over HTTP, real embedded store)', () => {
  let harness: ProcessHarness;
  let handler: BookAppointmentHandler;
  let patientId: string;
  let nextDay = 0;
  // Weekdays in January 2030, one per booking, so tests never share a slot.
  const DAYS = ['14', '15', '16', '17', '18', '21', '22', '23', '24', '25', '28', '29', '30', '31'];

  beforeAll(async () => {
    harness = await startProcessHarness();
    handler = new BookAppointmentHandler(harness.runner);
    patientId = harness.simulator.state.addPatient({
      FirstName: 'Spec',
      LastName: 'Patient',
      DateOfBirth: '1990-01-01',
    }).PatientID;
  });
  afterAll(() => harness.close());

  /** A distinct free slot per test, so tests do not collide in the shared simulator. */
  const payload = (): BookAppointmentPayload => ({
    patientId,
    providerId: harness.simulator.state.providers[0].ProviderID,
    start: `2030-01-${DAYS[nextDay++]}T09:00:00Z`,
    durationMinutes: 30,
    notes: 'private note: tooth ache since Monday',
  });
  const types = async (commandId: string) =>
    (await harness.store.readStream(bookingStream(commandId))).map((e) => e.type);

  it('books through the PMS once and answers repeats from the store', async () => {
    const command = new BookAppointmentCommand(envelope('BookAppointment', payload()));
    const before = harness.calls(BOOK);
    const outcome = await handler.execute(command);
    expect(outcome).toEqual({
      commandId: command.envelope.commandId,
      type: 'BookAppointment',
      officeId: 'office-1',
      status: 'succeeded',
      result: { appointmentId: expect.stringMatching(/^DTX-A-/) },
    });
    expect(await handler.execute(command)).toEqual(outcome);
    expect(harness.calls(BOOK)).toBe(before + 1);
    expect(await types(command.envelope.commandId)).toEqual([
      'BookingRequested',
      'AppointmentBooked',
    ]);
  });

  it('records metadata with correlation, causation and no free-text notes', async () => {
    const command = new BookAppointmentCommand(envelope('BookAppointment', payload()));
    await handler.execute(command);
    const [requested] = await harness.store.readStream(bookingStream(command.envelope.commandId));
    expect(requested.metadata).toEqual({
      eventId: requested.id,
      commandId: command.envelope.commandId,
      correlationId: command.envelope.correlationId,
      causationId: command.envelope.commandId,
      officeId: 'office-1',
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
      schemaVersion: SCHEMA_VERSION,
    });
    expect(JSON.stringify(requested.data)).not.toContain('tooth');
  });

  it('runs a command delivered twice at once only once', async () => {
    const command = new BookAppointmentCommand(envelope('BookAppointment', payload()));
    const before = harness.calls(BOOK);
    const [a, b] = await Promise.all([handler.execute(command), handler.execute(command)]);
    expect(a).toEqual(b);
    expect(harness.calls(BOOK)).toBe(before + 1);
  });

  it('rejects a taken slot with the reason', async () => {
    const slot = payload();
    await handler.execute(new BookAppointmentCommand(envelope('BookAppointment', slot)));
    const second = await handler.execute(
      new BookAppointmentCommand(envelope('BookAppointment', slot)),
    );
    expect(second.status).toBe('rejected');
    expect(second.reason).toMatch(/slot/i);
  });

  it('fails with a reason when the PMS is unreachable, and leaks no credentials', async () => {
    const command = new BookAppointmentCommand(
      envelope('BookAppointment', payload(), 'office-down'),
    );
    const outcome = await handler.execute(command);
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(/office-down/);
    expect(outcome.reason).not.toMatch(/spec-password|spec-api-key/);
    expect(await types(command.envelope.commandId)).toEqual(['BookingRequested', 'BookingFailed']);
  });

  describe('a request recorded by a process that died before recording the outcome', () => {
    /** What the dead process left behind: a BookingRequested and nothing after it. */
    async function interrupted(body: BookAppointmentPayload) {
      const command = new BookAppointmentCommand(envelope('BookAppointment', body));
      const { notes: _notes, ...request } = body;
      const requested: BookingEvent = {
        type: 'BookingRequested',
        data: request,
        metadata: metadataFor(command),
      };
      await harness.store.append(
        bookingStream(command.envelope.commandId),
        toEventsToAppend([requested]),
        'no_stream',
      );
      return command;
    }

    it('finds the appointment the interrupted call made instead of booking again', async () => {
      const body = payload();
      const made = await harness.simulator.state.addAppointment({
        PatientID: body.patientId,
        ProviderID: body.providerId,
        StartTime: body.start,
        Duration: 30,
      });
      const command = await interrupted(body);
      const before = harness.calls(BOOK);
      const outcome = await handler.execute(command);
      expect(outcome).toMatchObject({
        status: 'succeeded',
        result: { appointmentId: made.AppointmentID },
      });
      expect(harness.calls(BOOK)).toBe(before);
      const events = await harness.store.readStream(bookingStream(command.envelope.commandId));
      expect(events.map((e) => [e.type, (e.data as { via?: string }).via])).toEqual([
        ['BookingRequested', undefined],
        ['AppointmentBooked', 'reconciliation'],
      ]);
    });

    it('books once when the search shows the interrupted call never landed', async () => {
      const command = await interrupted(payload());
      const before = harness.calls(BOOK);
      const outcome = await handler.execute(command);
      expect(outcome.status).toBe('succeeded');
      expect(harness.calls(BOOK)).toBe(before + 1);
      expect(await types(command.envelope.commandId)).toEqual([
        'BookingRequested',
        'BookingNotFoundInPms',
        'AppointmentBooked',
      ]);
    });

    it('stays pending, recording nothing, while the PMS cannot be searched', async () => {
      const command = await interrupted(payload());
      harness.simulator.state.faults.set({ latencyMs: 0, outage: true });
      try {
        expect((await handler.execute(command)).status).toBe('pending');
      } finally {
        harness.simulator.state.faults.set({ latencyMs: 0, outage: false });
      }
      expect(await types(command.envelope.commandId)).toEqual(['BookingRequested']);
      expect((await handler.execute(command)).status).toBe('succeeded');
    });
  });

  it('leaves a call that got a 503 pending while the PMS cannot be searched either', async () => {
    harness.simulator.state.faults.set({ latencyMs: 0, outage: true });
    let outcome;
    const command = new BookAppointmentCommand(envelope('BookAppointment', payload()));
    try {
      outcome = await handler.execute(command);
    } finally {
      harness.simulator.state.faults.set({ latencyMs: 0, outage: false });
    }
    expect(outcome.status).toBe('pending');
    expect(await types(command.envelope.commandId)).toEqual(['BookingRequested']);
  });

  it('refuses a pending commandId re-sent with another payload, and books nothing for it', async () => {
    const first = payload();
    const command = new BookAppointmentCommand(envelope('BookAppointment', first));
    const { notes: _notes, ...request } = first;
    await harness.store.append(
      bookingStream(command.envelope.commandId),
      toEventsToAppend([
        { type: 'BookingRequested', data: request, metadata: metadataFor(command) },
      ]),
      'no_stream',
    );
    const before = harness.calls(BOOK);
    const resent = new BookAppointmentCommand({
      ...command.envelope,
      payload: { ...first, start: first.start.replace('T09:', 'T10:') },
    });
    await expect(handler.execute(resent)).rejects.toThrow(/another payload/);
    expect(harness.calls(BOOK)).toBe(before);
  });

  describe('a write whose answer never arrives (real HTTP through a proxy or a broken PMS)', () => {
    let proxy: FaultyPms;
    let garbage: FaultyPms;

    beforeAll(async () => {
      proxy = await answerLosingProxy(harness.simulator.url, BOOK);
      garbage = await garbageAnsweringPms((method) =>
        method === 'POST' ? '<html>oops</html>' : JSON.stringify({ Appointments: [] }),
      );
    });
    afterAll(async () => {
      await proxy.close();
      await garbage.close();
    });

    it('finds the appointment when the connection dropped after the PMS booked it', async () => {
      const lossy = new BookAppointmentHandler(harness.runnerFor({ 'office-1': proxy.url }));
      const command = new BookAppointmentCommand(envelope('BookAppointment', payload()));
      const before = harness.calls(BOOK);
      const outcome = await lossy.execute(command);
      expect(outcome).toMatchObject({
        status: 'succeeded',
        result: { appointmentId: expect.any(String) },
      });
      expect(harness.calls(BOOK)).toBe(before + 1);
      const events = await harness.store.readStream(bookingStream(command.envelope.commandId));
      expect(events.map((e) => [e.type, (e.data as { via?: string }).via])).toEqual([
        ['BookingRequested', undefined],
        ['AppointmentBooked', 'reconciliation'],
      ]);
    });

    it('fails the command when a garbled answer hides no appointment', async () => {
      const broken = new BookAppointmentHandler(harness.runnerFor({ 'office-1': garbage.url }));
      const command = new BookAppointmentCommand(envelope('BookAppointment', payload()));
      const outcome = await broken.execute(command);
      expect(outcome.status).toBe('failed');
      expect(outcome.reason).toMatch(/holds no matching record afterwards/);
    });
  });

  describe('two hubs on one store', () => {
    it('leaves a young request alone: the other hub may still be mid-call', async () => {
      const command = new BookAppointmentCommand(envelope('BookAppointment', payload()));
      harness.simulator.state.faults.set({ latencyMs: 400, outage: false });
      try {
        const first = handler.execute(command);
        await eventually(
          'the request to be recorded',
          async () => (await types(command.envelope.commandId)).length === 1,
          { everyMs: 10 },
        );
        const other = new BookAppointmentHandler(
          harness.runnerFor({ 'office-1': harness.simulator.url }, 60000),
        );
        const before = harness.calls(BOOK);
        expect((await other.execute(command)).status).toBe('pending');
        expect(harness.calls(BOOK)).toBe(before);
        expect((await first).status).toBe('succeeded');
      } finally {
        harness.simulator.state.faults.set({ latencyMs: 0, outage: false });
      }
    });

    it('books once when both hubs race, and both report the one appointment', async () => {
      const command = new BookAppointmentCommand(envelope('BookAppointment', payload()));
      const before = harness.calls(BOOK);
      harness.simulator.state.faults.set({ latencyMs: 300, outage: false });
      try {
        const first = handler.execute(command);
        await eventually(
          'the booking call to reach the PMS',
          async () => harness.calls(BOOK) === before + 1,
          { everyMs: 10 },
        );
        const other = new BookAppointmentHandler(
          harness.runnerFor({ 'office-1': harness.simulator.url }, 0),
        );
        const [a, b] = await Promise.all([first, other.execute(command)]);
        expect(a).toEqual(b);
        expect(a.status).toBe('succeeded');
      } finally {
        harness.simulator.state.faults.set({ latencyMs: 0, outage: false });
      }
      expect(harness.calls(BOOK)).toBe(before + 1);
    });
  });
});

function metadataFor(command: BookAppointmentCommand): EventMetadata {
  return {
    eventId: randomUUID(),
    commandId: command.envelope.commandId,
    correlationId: command.envelope.correlationId,
    causationId: command.envelope.commandId,
    officeId: command.envelope.officeId,
    occurredAt: new Date().toISOString(),
    schemaVersion: SCHEMA_VERSION,
  };
}
