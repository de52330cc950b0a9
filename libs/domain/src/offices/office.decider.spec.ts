import { deterministicContext, metadataOf } from '../shared/deterministic-context.testing';
import { RegisterOffice, decideOfficeRegistration, officeStateOf } from './office.decider';
import { OfficeEvent, OfficeProfile } from './office.events';

const profile: OfficeProfile = {
  pmsType: 'dentrix',
  baseUrl: 'https://dentrix.smile-dental.example',
  timeZone: 'America/New_York',
  locations: ['LOC-1', 'LOC-2'],
};
const registered: OfficeEvent = {
  type: 'OfficeRegistered',
  data: { ...profile, registeredVia: 'config-file' },
  metadata: { ...metadataOf('evt-0'), occurredAt: '2026-11-20T08:00:00.000Z' },
};
const register = (
  changes: Partial<OfficeProfile> = {},
  credentialsReplaced = false,
): RegisterOffice => ({
  profile: { ...profile, ...changes },
  credentialsReplaced,
  via: 'admin-api',
});

/** given past events, when a registration, then exactly these new events. */
function given(history: OfficeEvent[]) {
  return {
    when: (command: RegisterOffice) =>
      decideOfficeRegistration(history, command, deterministicContext()),
  };
}
const updated = (data: Extract<OfficeEvent, { type: 'OfficeUpdated' }>['data']): OfficeEvent => ({
  type: 'OfficeUpdated',
  data,
  metadata: metadataOf('evt-1'),
});

describe('office decider', () => {
  it('registers an unknown office with its whole profile', () => {
    expect(given([]).when(register({}, true))).toEqual([
      {
        type: 'OfficeRegistered',
        data: { ...profile, registeredVia: 'admin-api' },
        metadata: metadataOf('evt-1'),
      },
    ]);
  });

  it('records nothing when the same profile is registered again', () => {
    expect(given([registered]).when(register())).toEqual([]);
  });

  it('records only the fields that changed', () => {
    expect(given([registered]).when(register({ baseUrl: 'https://dtx2.example' }))).toEqual([
      updated({
        changes: { baseUrl: 'https://dtx2.example' },
        credentialsReplaced: false,
        updatedVia: 'admin-api',
      }),
    ]);
  });

  it('records a PMS migration as an ordinary change', () => {
    const migrate = register({ pmsType: 'carestack', baseUrl: null, locations: [] });
    expect(given([registered]).when(migrate)).toEqual([
      updated({
        changes: { pmsType: 'carestack', baseUrl: null, locations: [] },
        credentialsReplaced: false,
        updatedVia: 'admin-api',
      }),
    ]);
  });

  it('compares locations in order: the same ids reordered are a change', () => {
    expect(given([registered]).when(register({ locations: ['LOC-2', 'LOC-1'] }))).toEqual([
      updated({
        changes: { locations: ['LOC-2', 'LOC-1'] },
        credentialsReplaced: false,
        updatedVia: 'admin-api',
      }),
    ]);
  });

  it('records replaced credentials even when the profile is unchanged', () => {
    expect(given([registered]).when(register({}, true))).toEqual([
      updated({ changes: {}, credentialsReplaced: true, updatedVia: 'admin-api' }),
    ]);
  });

  it('keeps no field the profile type does not declare', () => {
    const smuggled = { ...profile, password: 'hunter2' } as OfficeProfile;
    const [event] = given([]).when({ ...register(), profile: smuggled });
    expect(JSON.stringify(event)).not.toContain('hunter2');
  });

  it('folds the registration and its updates into the current office', () => {
    const update = given([registered]).when(register({ timeZone: 'America/Chicago' }, true));
    expect(officeStateOf([registered, ...update])).toEqual({
      profile: { ...profile, timeZone: 'America/Chicago' },
      registeredAt: '2026-11-20T08:00:00.000Z',
      updatedAt: '2026-11-26T10:00:00.000Z',
      credentialsReplacedAt: '2026-11-26T10:00:00.000Z',
    });
    expect(officeStateOf([])).toBeUndefined();
  });
});
