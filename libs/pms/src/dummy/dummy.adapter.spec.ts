import { createPmsAdapter } from '../pms-adapter.factory';
import { describePmsAdapterContract } from '../pms-adapter.contract';
import { PmsError } from '../pms-adapter.port';
import { DummyAdapter } from './dummy.adapter';

const office = { officeId: 'office-demo' };
// 2030-01-07 is a Monday.
const MONDAY = '2030-01-07';

for (const timeZone of ['UTC', 'America/New_York']) {
  describePmsAdapterContract(
    `Dummy (${timeZone})`,
    async () => ({
      adapter: new DummyAdapter({ pmsType: 'dummy' }, { ...office, timeZone }),
      timeZone,
      seed: { patientId: 'DMY-P-000001', providerId: 'DMY-D-01', date: MONDAY },
      close: async () => undefined,
    }),
    'in-memory',
  );
}

describe('DummyAdapter', () => {
  const nyOffice = { ...office, timeZone: 'America/New_York' };
  const visit = (start: string) => ({
    patientId: 'DMY-P-000001',
    providerId: 'DMY-D-01',
    start,
    durationMinutes: 30,
  });

  it('is built by the factory for a dummy connection', () => {
    const made = createPmsAdapter({ pmsType: 'dummy' }, office);
    expect(made).toBeInstanceOf(DummyAdapter);
    expect(made.pmsType).toBe('dummy');
  });

  it('keeps working hours on the office clock across a daylight-saving change', async () => {
    const adapter = new DummyAdapter({ pmsType: 'dummy' }, nyOffice);
    const slotsOn = (date: string) => adapter.getAvailability({ date, providerId: 'DMY-D-01' });
    const [winter, summer] = [await slotsOn('2030-03-08'), await slotsOn('2030-03-11')];
    expect([winter[0].start, winter.at(-1)?.end]).toEqual([
      '2030-03-08T08:00:00-05:00',
      '2030-03-08T17:00:00-05:00',
    ]);
    expect([summer[0].start, summer.at(-1)?.end]).toEqual([
      '2030-03-11T08:00:00-04:00',
      '2030-03-11T17:00:00-04:00',
    ]);
    expect(winter).toHaveLength(16);
  });

  it('keeps either 01:30 of the fall-back night as the instant asked for', async () => {
    const adapter = new DummyAdapter({ pmsType: 'dummy' }, nyOffice);
    const first = await adapter.bookAppointment(visit('2026-11-01T01:30:00-04:00'));
    const second = await adapter.bookAppointment(visit('2026-11-01T01:30:00-05:00'));
    expect([first.start, second.start]).toEqual([
      '2026-11-01T01:30:00-04:00',
      '2026-11-01T01:30:00-05:00',
    ]);
  });

  it('refuses a time the clocks skip, and nonsense, as invalid', async () => {
    const adapter = new DummyAdapter({ pmsType: 'dummy' }, nyOffice);
    await expect(adapter.bookAppointment(visit('2026-03-08T02:30:00-05:00'))).rejects.toEqual(
      new PmsError(
        'invalid',
        'dummy bookAppointment for office office-demo: 2026-03-08T02:30:00 does not exist in America/New_York (the clocks skip that hour)',
      ),
    );
    await expect(
      adapter.bookAppointment({ ...visit('2030-01-07T09:00:00-05:00'), durationMinutes: 0 }),
    ).rejects.toMatchObject({ kind: 'invalid', statusCode: 400 });
    await expect(adapter.getAvailability({ date: '2030-02-30' })).rejects.toMatchObject({
      kind: 'invalid',
      statusCode: 400,
    });
    await expect(
      adapter.createPatient({ firstName: 'A', lastName: 'B', dateOfBirth: '03/02/1990' }),
    ).rejects.toEqual(
      new PmsError('invalid', 'dummy createPatient for office office-demo: rejected (400)', 400),
    );
    await expect(adapter.searchPatients({})).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('reports a conflict with the message a PMS 409 gets', async () => {
    const adapter = new DummyAdapter({ pmsType: 'dummy' }, office);
    await adapter.bookAppointment(visit(`${MONDAY}T09:00:00Z`));
    await expect(adapter.bookAppointment(visit(`${MONDAY}T09:15:00Z`))).rejects.toEqual(
      new PmsError(
        'conflict',
        'dummy bookAppointment for office office-demo: slot not available (409)',
        409,
      ),
    );
  });

  it('lists where each provider works, and the office zone of each location', async () => {
    const adapter = new DummyAdapter({ pmsType: 'dummy' }, nyOffice);
    expect(await adapter.listProviders()).toContainEqual({
      providerId: 'DMY-D-03',
      name: 'Hana Hygiene',
      specialty: 'Hygiene',
      locationIds: ['DMY-L-01', 'DMY-L-02'],
    });
    expect((await adapter.listLocations()).map((l) => l.timeZone)).toEqual([
      'America/New_York',
      'America/New_York',
    ]);
  });

  it('refuses an unknown time zone when built', () => {
    expect(
      () => new DummyAdapter({ pmsType: 'dummy' }, { ...office, timeZone: 'Nowhere' }),
    ).toThrow('dummy adapter for office office-demo: unknown time zone Nowhere');
  });
});
