/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Vendors number providers and locations with strings or numbers, never mixed in one office. */
export type RecordId = string | number;

export interface ProviderSchedule<Id extends RecordId = string> {
  readonly providerId: Id;
  /** Location the provider works at on each working weekday; other days are off. */
  readonly days: Partial<Record<Weekday, Id>>;
}

/** Working hours as minutes after the office's local midnight. */
export interface WorkingHours {
  readonly open: number;
  readonly close: number;
  readonly breaks: readonly { readonly start: number; readonly end: number }[];
}

function weekdayOf(wallMs: number): Weekday {
  return (((new Date(wallMs).getUTCDay() + 6) % 7) + 1) as Weekday;
}

/** Who works where and when in one office, from the seed; times are wall ms (see wall-clock.ts). */
export class OfficeSchedule<Id extends RecordId> {
  constructor(
    /** Seeded providers, in seed order: the order slots are offered in. */
    readonly providerIds: readonly Id[],
    private readonly schedules: readonly ProviderSchedule<Id>[],
    readonly hours: WorkingHours,
  ) {}

  /** Every location the provider works at in a week, each once, earliest weekday first. */
  locationsOf(providerId: Id): Id[] {
    const days: Partial<Record<Weekday, Id>> = this.scheduleOf(providerId)?.days ?? {};
    return [...new Set(Object.values(days))];
  }

  /** Where the provider works on the local day containing `wallMs`, if they work that day. */
  locationOn(providerId: Id, wallMs: number): Id | undefined {
    return this.scheduleOf(providerId)?.days[weekdayOf(wallMs)];
  }

  /** The location a booking without one lands at: that day's, else a seeded provider's first. */
  defaultLocation(providerId: Id, wallMs: number): Id | undefined {
    const known = this.providerIds.includes(providerId);
    return (
      this.locationOn(providerId, wallMs) ?? (known ? this.locationsOf(providerId)[0] : undefined)
    );
  }

  private scheduleOf(providerId: Id): ProviderSchedule<Id> | undefined {
    return this.schedules.find((schedule) => schedule.providerId === providerId);
  }
}
