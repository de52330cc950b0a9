import { Location, Patient } from '../pms-adapter.port';

/** ISO weekday (1 = Monday … 7 = Sunday) → the location the provider works at that day. */
export type WeeklySchedule = Readonly<Partial<Record<number, string>>>;

export interface DummyProvider {
  readonly providerId: string;
  readonly name: string;
  readonly specialty: string;
  readonly schedule: WeeklySchedule;
}

export interface DummySeed {
  readonly locations: readonly Omit<Location, 'timeZone'>[];
  readonly providers: readonly DummyProvider[];
  /** Minutes after the office's local midnight. */
  readonly hours: { readonly open: number; readonly close: number };
  readonly breaks: readonly { readonly start: number; readonly end: number }[];
  readonly slotMinutes: number;
  readonly patients: readonly Patient[];
}

const weekdays = (locationId: string): WeeklySchedule =>
  Object.fromEntries([1, 2, 3, 4, 5].map((day) => [day, locationId]));

/** The brief's demo practice: two locations, three providers, 08:00–17:00 with lunch. */
export const DUMMY_SEED: DummySeed = {
  locations: [
    { locationId: 'DMY-L-01', name: 'Demo Dental North' },
    { locationId: 'DMY-L-02', name: 'Demo Dental South' },
  ],
  providers: [
    {
      providerId: 'DMY-D-01',
      name: 'Dana Demo',
      specialty: 'General',
      schedule: weekdays('DMY-L-01'),
    },
    {
      providerId: 'DMY-D-02',
      name: 'Omar Ortho',
      specialty: 'Orthodontics',
      schedule: weekdays('DMY-L-02'),
    },
    // Splits the week so multi-location providers show up in demos.
    {
      providerId: 'DMY-D-03',
      name: 'Hana Hygiene',
      specialty: 'Hygiene',
      schedule: { 1: 'DMY-L-01', 2: 'DMY-L-01', 3: 'DMY-L-01', 4: 'DMY-L-02', 5: 'DMY-L-02' },
    },
  ],
  hours: { open: 8 * 60, close: 17 * 60 },
  breaks: [{ start: 12 * 60, end: 13 * 60 }],
  slotMinutes: 30,
  patients: [
    {
      patientId: 'DMY-P-000001',
      firstName: 'Maria',
      lastName: 'Garcia',
      dateOfBirth: '1985-04-12',
      phone: '555-0101',
    },
    {
      patientId: 'DMY-P-000002',
      firstName: 'John',
      lastName: 'Smith',
      dateOfBirth: '1970-11-30',
      email: 'john.smith@example.com',
    },
  ],
};
