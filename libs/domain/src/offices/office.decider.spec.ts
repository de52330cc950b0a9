import { fold } from '../shared/decider';
import { deciderSpecification } from '../shared/decider-specification.testing';
import { metadataOf } from '../shared/deterministic-context.testing';
import { RegisterOffice, officeDecider } from './office.decider';
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

const given = deciderSpecification(officeDecider);
const updated = (data: Extract<OfficeEvent, { type: 'OfficeUpdated' }>['data']): OfficeEvent => ({
  type: 'OfficeUpdated',
  data,
  metadata: metadataOf('evt-1'),
});

describe('office decider', () => {
  it('registers an unknown office with its whole profile', () => {
    given([])
      .when(register({}, true))
      .then([
        {
          type: 'OfficeRegistered',
          data: { ...profile, registeredVia: 'admin-api' },
          metadata: metadataOf('evt-1'),
        },
      ]);
  });

  it('records nothing when the same profile is registered again', () => {
    given([registered]).when(register()).thenNothing();
  });

  it('records only the fields that changed', () => {
    given([registered])
      .when(register({ baseUrl: 'https://dtx2.example' }))
      .then([
        updated({
          changes: { baseUrl: 'https://dtx2.example' },
          credentialsReplaced: false,
          updatedVia: 'admin-api',
        }),
      ]);
  });

  it('records a PMS migration as an ordinary change', () => {
    const migrate = register({ pmsType: 'carestack', baseUrl: null, locations: [] });
    given([registered])
      .when(migrate)
      .then([
        updated({
          changes: { pmsType: 'carestack', baseUrl: null, locations: [] },
          credentialsReplaced: false,
          updatedVia: 'admin-api',
        }),
      ]);
  });

  it('compares locations in order: the same ids reordered are a change', () => {
    given([registered])
      .when(register({ locations: ['LOC-2', 'LOC-1'] }))
      .then([
        updated({
          changes: { locations: ['LOC-2', 'LOC-1'] },
          credentialsReplaced: false,
          updatedVia: 'admin-api',
        }),
      ]);
  });

  it('records replaced credentials even when the profile is unchanged', () => {
    given([registered])
      .when(register({}, true))
      .then([updated({ changes: {}, credentialsReplaced: true, updatedVia: 'admin-api' })]);
  });

  it('keeps no field the profile type does not declare', () => {
    const smuggled = { ...profile, password: 'hunter2' } as OfficeProfile;
    const [event] = given([])
      .when({ ...register(), profile: smuggled })
      .then([
        {
          type: 'OfficeRegistered',
          data: { ...profile, registeredVia: 'admin-api' },
          metadata: metadataOf('evt-1'),
        },
      ]);
    expect(JSON.stringify(event)).not.toContain('hunter2');
  });

  it('folds the registration and its updates into the current office', () => {
    const update = given([registered])
      .when(register({ timeZone: 'America/Chicago' }, true))
      .then([
        updated({
          changes: { timeZone: 'America/Chicago' },
          credentialsReplaced: true,
          updatedVia: 'admin-api',
        }),
      ]);
    expect(fold(officeDecider, [registered, ...update])).toEqual({
      profile: { ...profile, timeZone: 'America/Chicago' },
      registeredAt: '2026-11-20T08:00:00.000Z',
      updatedAt: '2026-11-26T10:00:00.000Z',
      credentialsReplacedAt: '2026-11-26T10:00:00.000Z',
    });
    expect(fold(officeDecider, [])).toBeUndefined();
  });
});
