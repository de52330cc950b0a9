import { everyWeekday, OFFICE_HOURS } from '../shared';
import { CareStackCredentials, CareStackSeed } from './carestack.types';

/** Local-development credentials only; real deployments pass their own. */
export const DEV_CARESTACK_CREDENTIALS: CareStackCredentials = {
  username: 'dev-user',
  password: 'dev-password',
  vendorKey: 'dev-vendor-key',
  accountKey: 'dev-account-key',
  accountId: '1001',
};

export const DEFAULT_CARESTACK_SEED: CareStackSeed = {
  locations: [
    { locationId: 1, name: 'Lakeside Family Dental', address: '5 Lake Ave' },
    { locationId: 2, name: 'Hillcrest Dental Studio', address: '80 Hill Rd' },
  ],
  providers: [
    { providerId: 11, firstName: 'Priya', lastName: 'Natarajan', specialty: 'General Dentistry' },
    { providerId: 12, firstName: 'Tom', lastName: 'Becker', specialty: 'Endodontics' },
    { providerId: 13, firstName: 'Lena', lastName: 'Hoffmann', specialty: 'Hygiene' },
  ],
  schedules: [
    { providerId: 11, days: everyWeekday(1) },
    { providerId: 12, days: everyWeekday(2) },
    // Splits the week so multi-location providers are exercised.
    { providerId: 13, days: { 1: 1, 2: 1, 3: 2, 4: 2, 5: 2 } },
  ],
  hours: OFFICE_HOURS,
  patients: [
    {
      patientId: 1001,
      firstName: 'Maria',
      lastName: 'Garcia',
      dob: '1985-04-12',
      mobileNumber: '555-0101',
    },
    {
      patientId: 1002,
      firstName: 'John',
      lastName: 'Smith',
      dob: '1970-11-30',
      email: 'john.smith@example.com',
    },
  ],
  appointments: [],
};
