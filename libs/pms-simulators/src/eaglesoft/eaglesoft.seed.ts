import { everyWeekday, OFFICE_HOURS } from '../shared';
import { EaglesoftCredentials, EaglesoftSeed } from './eaglesoft.types';

/** Local-development credentials only; real deployments pass their own. */
export const DEV_EAGLESOFT_CREDENTIALS: EaglesoftCredentials = {
  username: 'dev-user',
  password: 'dev-password',
  database: 'EAGLESOFT_DEV',
  clientId: 'dev-client',
  clientSecret: 'dev-client-secret',
};

export const DEFAULT_EAGLESOFT_SEED: EaglesoftSeed = {
  locations: [
    { location_id: 'ES-LOC-01', name: 'Lakeside Family Dentistry', address: '5 Lake Ave' },
    { location_id: 'ES-LOC-02', name: 'Hilltop Dental Care', address: '88 Summit Rd' },
  ],
  providers: [
    { provider_id: 'ES-DR-01', first_name: 'Dana', last_name: 'Reyes', specialty: 'General' },
    { provider_id: 'ES-DR-02', first_name: 'Omar', last_name: 'Haddad', specialty: 'Endodontics' },
    { provider_id: 'ES-HY-01', first_name: 'Iris', last_name: 'Novak', specialty: 'Hygiene' },
  ],
  schedules: [
    { providerId: 'ES-DR-01', days: everyWeekday('ES-LOC-01') },
    { providerId: 'ES-DR-02', days: everyWeekday('ES-LOC-02') },
    // Splits the week so multi-location providers are exercised.
    {
      providerId: 'ES-HY-01',
      days: { 1: 'ES-LOC-01', 2: 'ES-LOC-01', 3: 'ES-LOC-02', 4: 'ES-LOC-02', 5: 'ES-LOC-02' },
    },
  ],
  hours: OFFICE_HOURS,
  patients: [
    {
      patient_id: 'ES-P-000001',
      first_name: 'Grace',
      last_name: 'Hopper',
      birth_date: '1978-12-09',
      phone: '555-0142',
    },
    {
      patient_id: 'ES-P-000002',
      first_name: 'Alan',
      last_name: 'Turing',
      birth_date: '1982-06-23',
      email: 'alan.turing@example.com',
    },
  ],
  appointments: [],
};
