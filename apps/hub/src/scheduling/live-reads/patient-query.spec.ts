import { patientSearchOf } from './patient-query';

describe('reading a patient search box', () => {
  it.each([
    ['1985-12-10', { dateOfBirth: '1985-12-10' }],
    ['+1 (555) 010-0199', { phone: '+1 (555) 010-0199' }],
    ['Lovelace', { lastName: 'Lovelace' }],
    ['  Ada   Lovelace ', { firstName: 'Ada', lastName: 'Lovelace' }],
    ['Ada King Lovelace', { firstName: 'Ada', lastName: 'King Lovelace' }],
  ])('%j → %j', (q, search) => {
    expect(patientSearchOf(q)).toEqual(search);
  });
});
