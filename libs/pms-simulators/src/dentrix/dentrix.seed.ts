import { everyWeekday, OFFICE_HOURS } from '../shared';
import { DentrixCredentials, DentrixSeed } from './dentrix.types';

/** Local-development credentials only; real deployments pass their own. */
export const DEV_DENTRIX_CREDENTIALS: DentrixCredentials = {
  username: 'dev-user',
  password: 'dev-password',
  database: 'DENTRIX_DEV',
  apiKey: 'dev-api-key',
};

export const DEFAULT_DENTRIX_SEED: DentrixSeed = {
  locations: [
    { LocationID: 'DTX-L-01', LocationName: 'Downtown Dental', Address: '1 Main St' },
    { LocationID: 'DTX-L-02', LocationName: 'Riverside Dental', Address: '20 River Rd' },
  ],
  providers: [
    { ProviderID: 'DTX-D-01', FirstName: 'Ana', LastName: 'Lopez', Specialty: 'General' },
    { ProviderID: 'DTX-D-02', FirstName: 'Ben', LastName: 'Okafor', Specialty: 'Orthodontics' },
    { ProviderID: 'DTX-D-03', FirstName: 'Chloe', LastName: 'Martin', Specialty: 'Hygiene' },
  ],
  schedules: [
    { providerId: 'DTX-D-01', days: everyWeekday('DTX-L-01') },
    { providerId: 'DTX-D-02', days: everyWeekday('DTX-L-02') },
    // Splits the week so multi-location providers are exercised.
    {
      providerId: 'DTX-D-03',
      days: { 1: 'DTX-L-01', 2: 'DTX-L-01', 3: 'DTX-L-01', 4: 'DTX-L-02', 5: 'DTX-L-02' },
    },
  ],
  hours: OFFICE_HOURS,
  patients: [
    {
      PatientID: 'DTX-P-000001',
      FirstName: 'Maria',
      LastName: 'Garcia',
      DateOfBirth: '1985-04-12',
      HomePhone: '555-0101',
    },
    {
      PatientID: 'DTX-P-000002',
      FirstName: 'John',
      LastName: 'Smith',
      DateOfBirth: '1970-11-30',
      EmailAddress: 'john.smith@example.com',
    },
  ],
  appointments: [],
};
