import { DateTime } from 'luxon';
import { PmsAdapter, PmsError, Slot } from './pms-adapter.port';

/** Existing data the suite books against; fresh for every test. */
export interface ContractSeed {
  /** A patient the PMS already has. */
  readonly patientId: string;
  readonly providerId: string;
  /** YYYY-MM-DD: a working day of `providerId` with free slots. */
  readonly date: string;
}

/** The faults this suite injects; a simulator's `SimulatorFaults.set` accepts them. */
export interface ContractFaultSettings {
  readonly outage?: boolean;
  readonly malformedJson?: boolean;
  readonly routes?: readonly string[];
}

/** The simulated PMS behind an HTTP adapter: its faults, request counts and secrets. */
export interface ContractFaults {
  set(settings: ContractFaultSettings): void;
  reset(): void;
  /** Requests the PMS received on a route as the simulator declares it, refused ones included. */
  calls(route: string): number;
  /** The route `bookAppointment` calls, e.g. `POST /api/appointments`. */
  readonly bookRoute: string;
  /** Every credential the adapter holds: no error or health message may contain one. */
  readonly secrets: readonly string[];
}

export interface ContractTarget {
  readonly adapter: PmsAdapter;
  /** The office's IANA zone the adapter was given: times must carry its offset. */
  readonly timeZone: string;
  readonly seed: ContractSeed;
  /** Absent for an in-memory adapter: there is no network to fault. */
  readonly faults?: ContractFaults;
  /** Closes the adapter and whatever PMS (simulator) the setup started. */
  close(): Promise<void>;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const UNKNOWN_SUFFIX = '987654';

/**
 * The behaviour every PmsAdapter must share, whatever the vendor. `setup` runs before each test and
 * returns a fresh PMS. `transport` says whether the adapter talks to a PMS over the network: only
 * then are the fault cases registered; an in-memory adapter gets one test saying they do not apply.
 */
export function describePmsAdapterContract(
  name: string,
  setup: () => Promise<ContractTarget>,
  transport: 'http' | 'in-memory' = 'http',
): void {
  describe(`${name} PmsAdapter contract`, () => {
    let target: ContractTarget;
    let adapter: PmsAdapter;

    beforeEach(async () => {
      target = await setup();
      adapter = target.adapter;
    });
    afterEach(async () => {
      target.faults?.reset();
      await target.close();
    });

    const slotsOfTheDay = () =>
      adapter.getAvailability({ date: target.seed.date, providerId: target.seed.providerId });
    const firstSlot = async (): Promise<Slot> => {
      const [slot] = await slotsOfTheDay();
      if (!slot) throw new Error(`seed.date ${target.seed.date} has no free slot`);
      return slot;
    };
    const visitAt = (slot: Slot) => ({
      patientId: target.seed.patientId,
      providerId: slot.providerId,
      locationId: slot.locationId,
      start: slot.start,
      durationMinutes: Math.round((Date.parse(slot.end) - Date.parse(slot.start)) / 60_000),
    });
    const newPatient = () => ({
      firstName: 'Contract',
      lastName: `Tester${Math.random().toString(36).slice(2, 8)}`,
      dateOfBirth: '1991-03-04',
      phone: '555-0142',
      email: 'contract@example.com',
    });

    it('reports a healthy PMS, endpoint by endpoint', async () => {
      const health = await adapter.checkHealth();
      expect(health.healthy).toBe(true);
      expect(health.endpoints.length).toBeGreaterThanOrEqual(1);
      for (const endpoint of health.endpoints) {
        expect(endpoint).toMatchObject({ endpoint: expect.any(String), healthy: true });
      }
    });

    it('lists providers and locations, each with an id', async () => {
      const providers = await adapter.listProviders();
      const locations = await adapter.listLocations();
      expect(providers.length).toBeGreaterThan(0);
      expect(locations.length).toBeGreaterThan(0);
      for (const provider of providers) expect(provider.providerId).toEqual(expect.any(String));
      for (const location of locations) expect(location.locationId).toEqual(expect.any(String));
      expect(providers.map((p) => p.providerId)).toContain(target.seed.providerId);
    });

    it('creates a patient, finds it by search and gets it by id', async () => {
      const fields = newPatient();
      const created = await adapter.createPatient(fields);
      expect(created).toEqual({ patientId: expect.any(String), ...fields });

      const found = await adapter.searchPatients({
        firstName: fields.firstName,
        lastName: fields.lastName,
        dateOfBirth: fields.dateOfBirth,
      });
      expect(found).toEqual([created]);
      expect(await adapter.getPatient(created.patientId)).toEqual(created);
    });

    it('refuses an unknown patient id as invalid 404', async () => {
      const failure = await pmsFailure(adapter.getPatient(target.seed.patientId + UNKNOWN_SUFFIX));
      expect(failure).toMatchObject({ kind: 'invalid', statusCode: 404 });
    });

    it('offers slots of the day with ISO offsets in the office zone', async () => {
      const slots = await slotsOfTheDay();
      expect(slots.length).toBeGreaterThan(0);
      for (const slot of slots) {
        expect(slot.providerId).toBe(target.seed.providerId);
        expect(slot.start).toMatch(ISO_WITH_OFFSET);
        expect(slot.end).toMatch(ISO_WITH_OFFSET);
        expect(slot.start.startsWith(target.seed.date)).toBe(true);
        expect(Date.parse(slot.end)).toBeGreaterThan(Date.parse(slot.start));
        expect(offsetOf(slot.start)).toBe(officeOffsetAt(slot.start, target.timeZone));
      }
    });

    it('books the first slot at its exact instant, then refuses it as a conflict', async () => {
      const slot = await firstSlot();
      const booked = await adapter.bookAppointment(visitAt(slot));
      expect(booked).toMatchObject({
        appointmentId: expect.any(String),
        patientId: target.seed.patientId,
        providerId: slot.providerId,
      });
      expect(booked.start).toMatch(ISO_WITH_OFFSET);
      expect(Date.parse(booked.start)).toBe(Date.parse(slot.start));
      expect((await slotsOfTheDay()).map((s) => Date.parse(s.start))).not.toContain(
        Date.parse(slot.start),
      );

      const again = await pmsFailure(adapter.bookAppointment(visitAt(slot)));
      expect(again.kind).toBe('conflict');
    });

    it('finds a booked appointment by patient, provider and start instant', async () => {
      const slot = await firstSlot();
      const booked = await adapter.bookAppointment(visitAt(slot));
      const search = { patientId: booked.patientId, providerId: booked.providerId };

      const found = await adapter.findAppointments({ ...search, start: booked.start });
      expect(found.map((a) => a.appointmentId)).toEqual([booked.appointmentId]);
      const asUtc = new Date(Date.parse(booked.start)).toISOString();
      const foundByUtc = await adapter.findAppointments({ ...search, start: asUtc });
      expect(foundByUtc.map((a) => a.appointmentId)).toEqual([booked.appointmentId]);
      const later = new Date(Date.parse(booked.start) + 60 * 60_000).toISOString();
      expect(await adapter.findAppointments({ ...search, start: later })).toEqual([]);
    });

    it('cancels an appointment: the slot is free again, and cancelling twice succeeds', async () => {
      const slot = await firstSlot();
      const booked = await adapter.bookAppointment(visitAt(slot));

      await adapter.cancelAppointment(booked.appointmentId);
      const free = (await slotsOfTheDay()).map((s) => Date.parse(s.start));
      expect(free).toContain(Date.parse(slot.start));
      await expect(adapter.cancelAppointment(booked.appointmentId)).resolves.toBeUndefined();
      const rebooked = await adapter.bookAppointment(visitAt(slot));
      expect(rebooked.appointmentId).not.toBe(booked.appointmentId);
    });

    it('refuses to cancel an unknown appointment as invalid 404', async () => {
      const booked = await adapter.bookAppointment(visitAt(await firstSlot()));
      const failure = await pmsFailure(
        adapter.cancelAppointment(booked.appointmentId + UNKNOWN_SUFFIX),
      );
      expect(failure).toMatchObject({ kind: 'invalid', statusCode: 404 });
    });

    if (transport === 'in-memory') {
      it(`fault injection: not applicable to ${name} (in-memory, no network)`, () => {
        expect(target.faults).toBeUndefined();
      });
      return;
    }

    describe('fault injection', () => {
      const faultsOf = (): ContractFaults => {
        if (!target.faults) throw new Error(`${name} setup gave no faults for an HTTP adapter`);
        return target.faults;
      };
      const readsThatMayFail = () => [
        () => adapter.listProviders(),
        () => adapter.getPatient(target.seed.patientId),
      ];
      const expectNoSecretIn = (text: string) => {
        for (const secret of faultsOf().secrets) expect(text).not.toContain(secret);
      };

      it('sends a booking that got a 503 exactly once: a write is never retried', async () => {
        const slot = await firstSlot();
        const faults = faultsOf();
        faults.set({ outage: true, routes: [faults.bookRoute] });
        const before = faults.calls(faults.bookRoute);

        const failure = await pmsFailure(adapter.bookAppointment(visitAt(slot)));
        expect(failure).toMatchObject({ kind: 'unknown-outcome', statusCode: 503 });
        expect(faults.calls(faults.bookRoute)).toBe(before + 1);
      });

      it('during an outage: unhealthy without throwing, and reads fail as PmsError', async () => {
        faultsOf().set({ outage: true });

        const health = await adapter.checkHealth();
        expect(health.healthy).toBe(false);
        expect(health.endpoints.some((endpoint) => !endpoint.healthy)).toBe(true);
        expectNoSecretIn(JSON.stringify(health));

        for (const read of readsThatMayFail()) {
          const failure = await pmsFailure(read());
          expect(failure.message).toContain(adapter.pmsType);
          expectNoSecretIn(`${failure.message}\n${failure.stack ?? ''}`);
        }
      });

      it('reports an answer that is not JSON as invalid, saying so', async () => {
        faultsOf().set({ malformedJson: true });

        for (const read of readsThatMayFail()) {
          const failure = await pmsFailure(read());
          expect(failure.kind).toBe('invalid');
          expect(failure.message).toContain(adapter.pmsType);
          expect(failure.message).toMatch(/unreadable|malformed|not (valid )?json/i);
        }
      });
    });
  });
}

/** The PmsError a call fails with; anything else (a raw axios error, a success) fails the test. */
async function pmsFailure(call: Promise<unknown>): Promise<PmsError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof PmsError) return error;
    throw new Error(`expected a PmsError, got ${String(error)}`);
  }
  throw new Error('expected a PmsError, but the call succeeded');
}

function offsetOf(iso: string): number {
  return DateTime.fromISO(iso, { setZone: true }).offset;
}

function officeOffsetAt(iso: string, zone: string): number {
  return DateTime.fromISO(iso).setZone(zone).offset;
}
