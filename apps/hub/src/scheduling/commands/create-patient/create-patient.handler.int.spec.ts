import { readFileSync } from 'node:fs';
import { patientRegistrationStream } from '@pms-hub/domain';
import {
  CREDENTIALS,
  ProcessHarness,
  envelope,
  startProcessHarness,
} from '../../pms-process/process-harness.testing';
import { parseCommand } from '../../command-envelope.dto';
import { CreatePatientCommand } from './create-patient.command';
import { CreatePatientHandler } from './create-patient.handler';

const CREATE = 'POST /api/patients';

describe('CreatePatientHandler (real Dentrix simulator over HTTP, real embedded store)', () => {
  let harness: ProcessHarness;
  let handler: CreatePatientHandler;

  beforeAll(async () => {
    harness = await startProcessHarness();
    handler = new CreatePatientHandler(harness.runner);
  });
  afterAll(() => harness.close());

  const types = async (commandId: string) =>
    (await harness.store.readStream(patientRegistrationStream(commandId))).map((e) => e.type);

  it('creates the patient once and answers repeats from the store', async () => {
    const command = new CreatePatientCommand(
      envelope('CreatePatient', {
        firstName: 'Zelda',
        lastName: 'Quixote',
        dateOfBirth: '1971-03-04',
        phone: '+1 555 0199',
        email: 'zelda.quixote@example.com',
      }),
    );
    const before = harness.calls(CREATE);
    const outcome = await handler.execute(command);
    expect(outcome).toEqual({
      commandId: command.envelope.commandId,
      type: 'CreatePatient',
      officeId: 'office-1',
      status: 'succeeded',
      result: { patientId: expect.stringMatching(/^DTX-P-/) },
    });
    expect(await handler.execute(command)).toEqual(outcome);
    expect(harness.calls(CREATE)).toBe(before + 1);
    const [requested] = await harness.store.readStream(
      patientRegistrationStream(command.envelope.commandId),
    );
    expect(requested.data).toEqual({
      providedFields: ['dateOfBirth', 'email', 'firstName', 'lastName', 'phone'],
      existingPatientIds: [],
    });
  });

  /** What a process that died mid-call left: a request that knew `existing`, and no outcome. */
  async function interrupted(
    patient: { firstName: string; lastName: string; dateOfBirth: string },
    existing: string[],
  ) {
    const command = new CreatePatientCommand(envelope('CreatePatient', patient));
    await harness.store.append(
      patientRegistrationStream(command.envelope.commandId),
      [
        {
          id: crypto.randomUUID(),
          type: 'PatientCreationRequested',
          data: {
            providedFields: ['dateOfBirth', 'firstName', 'lastName'],
            existingPatientIds: existing,
          },
          metadata: {
            eventId: 'unused',
            commandId: command.envelope.commandId,
            correlationId: command.envelope.correlationId,
            causationId: command.envelope.commandId,
            officeId: 'office-1',
            occurredAt: new Date().toISOString(),
            schemaVersion: 1,
          },
        },
      ],
      'no_stream',
    );
    return command;
  }

  it('finds the patient an interrupted call created instead of creating a second one', async () => {
    const command = await interrupted(
      { firstName: 'Yara', lastName: 'Pim', dateOfBirth: '1980-07-01' },
      [],
    );
    // The dead process reached the PMS before it died.
    const made = harness.simulator.state.addPatient({
      FirstName: 'YARA',
      LastName: 'pim',
      DateOfBirth: '1980-07-01',
    });
    const before = harness.calls(CREATE);
    const outcome = await handler.execute(command);
    expect(outcome).toMatchObject({ status: 'succeeded', result: { patientId: made.PatientID } });
    expect(harness.calls(CREATE)).toBe(before);
    expect(await types(command.envelope.commandId)).toEqual([
      'PatientCreationRequested',
      'PatientCreated',
    ]);
  });

  it('never adopts a patient who already matched before the call', async () => {
    const twin = { firstName: 'Jon', lastName: 'Smyth', dateOfBirth: '1971-11-30' };
    const existing = harness.simulator.state.addPatient({
      FirstName: 'Jon',
      LastName: 'Smyth',
      DateOfBirth: '1971-11-30',
    });
    const command = await interrupted(twin, [existing.PatientID]);
    const before = harness.calls(CREATE);
    const outcome = await handler.execute(command);
    expect(outcome.status).toBe('succeeded');
    expect(outcome.result?.patientId).not.toBe(existing.PatientID);
    expect(harness.calls(CREATE)).toBe(before + 1);
    expect(await types(command.envelope.commandId)).toEqual([
      'PatientCreationRequested',
      'PatientNotFoundInPms',
      'PatientCreated',
    ]);
  });

  it('records which patients already matched, by PMS id, before creating', async () => {
    const known = harness.simulator.state.addPatient({
      FirstName: 'Kim',
      LastName: 'Lee',
      DateOfBirth: '1999-09-09',
    });
    const command = new CreatePatientCommand(
      envelope('CreatePatient', { firstName: 'kim', lastName: 'LEE', dateOfBirth: '1999-09-09' }),
    );
    await handler.execute(command);
    const [requested] = await harness.store.readStream(
      patientRegistrationStream(command.envelope.commandId),
    );
    expect(requested.data).toEqual({
      providedFields: ['dateOfBirth', 'firstName', 'lastName'],
      existingPatientIds: [known.PatientID],
    });
  });

  it('fails, for a person to review, when several new patients match', async () => {
    const twin = { firstName: 'Ana', lastName: 'Twin', dateOfBirth: '2001-01-01' };
    const command = await interrupted(twin, []);
    for (let i = 0; i < 2; i++) {
      harness.simulator.state.addPatient({
        FirstName: 'Ana',
        LastName: 'Twin',
        DateOfBirth: '2001-01-01',
      });
    }
    const before = harness.calls(CREATE);
    const outcome = await handler.execute(command);
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(/2 new patients in the PMS match this command/);
    expect(harness.calls(CREATE)).toBe(before);
  });

  it('lists only the fields a client actually sent', async () => {
    const parsed = await parseCommand({
      commandId: crypto.randomUUID(),
      type: 'CreatePatient',
      officeId: 'office-1',
      payload: { firstName: 'Only', lastName: 'Names', dateOfBirth: '1990-02-02' },
    });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    await handler.execute(parsed.command as CreatePatientCommand);
    const [requested] = await harness.store.readStream(
      patientRegistrationStream(parsed.command.envelope.commandId),
    );
    expect((requested.data as { providedFields: string[] }).providedFields).toEqual([
      'dateOfBirth',
      'firstName',
      'lastName',
    ]);
  });

  it('rejects what the PMS refuses, with the reason', async () => {
    // The simulator refuses a name it cannot store; the hub's own validation is bypassed here.
    const command = new CreatePatientCommand(
      envelope('CreatePatient', { firstName: '', lastName: 'Nobody', dateOfBirth: '1990-01-01' }),
    );
    const outcome = await handler.execute(command);
    expect(outcome.status).toBe('rejected');
    expect(outcome.reason).toMatch(/dentrix createPatient for office office-1/);
  });

  it('never writes patient fields or credentials into the store file', async () => {
    await harness.store.close(); // folds the write-ahead log into the one file read here
    const bytes = readFileSync(harness.dbPath).toString('latin1');
    expect(bytes).toContain('PatientCreationRequested');
    for (const secret of [
      'Zelda',
      'Quixote',
      '1971-03-04',
      '555 0199',
      'zelda.quixote@example.com',
      'Yara',
      CREDENTIALS.password,
      CREDENTIALS.apiKey,
    ]) {
      expect(bytes).not.toContain(secret);
    }
  });
});
