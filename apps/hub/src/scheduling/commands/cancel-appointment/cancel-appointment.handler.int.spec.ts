import { cancellationStream } from '@pms-hub/domain';
import { FaultyPms, answerLosingProxy } from '../../pms-process/faulty-pms.testing';
import {
  ProcessHarness,
  envelope,
  startProcessHarness,
} from '../../pms-process/process-harness.testing';
import { CancelAppointmentCommand } from './cancel-appointment.command';
import { CancelAppointmentHandler } from './cancel-appointment.handler';

describe('CancelAppointmentHandler (real Dentrix simulator over HTTP, real embedded store)', () => {
  let harness: ProcessHarness;
  let handler: CancelAppointmentHandler;
  let appointmentId: string;

  beforeEach(async () => {
    harness = await startProcessHarness();
    handler = new CancelAppointmentHandler(harness.runner);
    const patient = harness.simulator.state.addPatient({
      FirstName: 'Can',
      LastName: 'Cel',
      DateOfBirth: '1990-01-01',
    });
    appointmentId = harness.simulator.state.addAppointment({
      PatientID: patient.PatientID,
      ProviderID: harness.simulator.state.providers[0].ProviderID,
      StartTime: '2030-01-14T09:00:00Z',
      Duration: 30,
    }).AppointmentID;
  });
  afterEach(() => harness.close());

  const cancel = () =>
    new CancelAppointmentCommand(envelope('CancelAppointment', { appointmentId }));
  const types = async (commandId: string) =>
    (await harness.store.readStream(cancellationStream(commandId))).map((e) => e.type);

  it('cancels through the PMS and answers repeats from the store', async () => {
    const command = cancel();
    const outcome = await handler.execute(command);
    expect(outcome).toMatchObject({ status: 'succeeded', result: { appointmentId } });
    expect(harness.simulator.state.appointments.get(appointmentId)?.Status).toBe('Cancelled');
    expect(await handler.execute(command)).toEqual(outcome);
    expect(harness.calls('DELETE /api/appointments/:id')).toBe(1);
  });

  it('rejects an appointment the PMS does not know', async () => {
    appointmentId = 'DTX-A-999999';
    const outcome = await handler.execute(cancel());
    expect(outcome.status).toBe('rejected');
    expect(outcome.reason).toMatch(/dentrix cancelAppointment for office office-1/);
  });

  describe('when the answer to the cancel is lost (real HTTP through a proxy)', () => {
    let proxy: FaultyPms;
    beforeEach(async () => {
      proxy = await answerLosingProxy(
        harness.simulator.url,
        `DELETE /api/appointments/${appointmentId}`,
      );
    });
    afterEach(() => proxy.close());

    it('stays pending, then sends the idempotent cancel again when the command comes again', async () => {
      const lossy = new CancelAppointmentHandler(harness.runnerFor({ 'office-1': proxy.url }));
      const command = cancel();
      expect((await lossy.execute(command)).status).toBe('pending');
      expect(await types(command.envelope.commandId)).toEqual(['AppointmentCancellationRequested']);

      expect((await handler.execute(command)).status).toBe('succeeded');
      expect(await types(command.envelope.commandId)).toEqual([
        'AppointmentCancellationRequested',
        'AppointmentCancelled',
      ]);
      expect(harness.calls('DELETE /api/appointments/:id')).toBe(2);
    });
  });
});
