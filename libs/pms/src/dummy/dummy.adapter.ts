import { DateTime } from 'luxon';
import { describeCall, PmsCall } from '../http-error.classifier';
import {
  Appointment,
  AppointmentSearch,
  AvailabilityQuery,
  DummyConnection,
  Location,
  NewAppointment,
  NewPatient,
  Patient,
  PatientSearch,
  PmsAdapter,
  PmsAdapterContext,
  PmsError,
  PmsHealth,
  Provider,
  Slot,
} from '../pms-adapter.port';
import { PmsOperation } from '../pms.operations';
import { officeZone, toPmsLocal } from '../time/office-time';
import { freeSlots, HeldTime, MINUTE_MS, officeDay, officeIso, overlaps } from './dummy.schedule';
import { DUMMY_SEED, DummySeed } from './dummy.seed';

const MAX_DURATION_MINUTES = 8 * 60;

interface StoredAppointment extends HeldTime {
  readonly appointment: Omit<Appointment, 'start'>;
  readonly cancelled: boolean;
}

/**
 * The brief's dummy PMS, for demos: in memory, no network, seeded with a small practice. It keeps
 * the PmsAdapter contract like a real PMS (409 → `conflict`, unknown ids → `invalid` 404) and
 * speaks the office's time zone (`context.timeZone`, default UTC).
 */
export class DummyAdapter implements PmsAdapter {
  readonly pmsType = 'dummy';
  private readonly zone: string;
  private readonly patients = new Map<string, Patient>();
  private readonly appointments = new Map<string, StoredAppointment>();
  private patientSeq = 0;
  private appointmentSeq = 0;

  constructor(
    _connection: DummyConnection,
    private readonly context: PmsAdapterContext,
    private readonly seed: DummySeed = DUMMY_SEED,
  ) {
    this.zone = officeZone(this.pmsType, context);
    seed.patients.forEach((patient) => this.patients.set(patient.patientId, patient));
  }

  async checkHealth(): Promise<PmsHealth> {
    const endpoint = { endpoint: 'in-memory', healthy: true, responseTimeMs: 0 };
    return { healthy: true, responseTimeMs: 0, endpoints: [endpoint] };
  }

  async searchPatients(query: PatientSearch): Promise<Patient[]> {
    // Like real PMS APIs, never list the whole patient table.
    if (Object.values(query).every((value) => value === undefined)) {
      throw this.refusal('searchPatients', 400, 'at least one search criterion is required');
    }
    return [...this.patients.values()].filter(
      (patient) =>
        sameText(query.firstName, patient.firstName) &&
        sameText(query.lastName, patient.lastName) &&
        (query.dateOfBirth === undefined || query.dateOfBirth === patient.dateOfBirth) &&
        (query.phone === undefined || digits(query.phone) === digits(patient.phone ?? '')),
    );
  }

  async getPatient(patientId: string): Promise<Patient> {
    return this.patientOrFail(patientId, 'getPatient');
  }

  async createPatient(patient: NewPatient): Promise<Patient> {
    const named = patient.firstName.trim() !== '' && patient.lastName.trim() !== '';
    if (!named || !officeDay(patient.dateOfBirth, 'UTC')) {
      throw this.refusal('createPatient', 400, 'rejected');
    }
    const created = { patientId: this.nextPatientId(), ...patient };
    this.patients.set(created.patientId, created);
    return created;
  }

  async listProviders(): Promise<Provider[]> {
    return this.seed.providers.map(({ providerId, name, specialty, schedule }) => ({
      providerId,
      name,
      specialty,
      locationIds: [...new Set(Object.values(schedule))].filter((id): id is string => !!id),
    }));
  }

  async listLocations(): Promise<Location[]> {
    return this.seed.locations.map((location) => ({ ...location, timeZone: this.zone }));
  }

  async getAvailability(query: AvailabilityQuery): Promise<Slot[]> {
    const day = officeDay(query.date, this.zone);
    if (!day) throw this.refusal('getAvailability', 400, 'date is not YYYY-MM-DD');
    if (query.providerId) this.providerOrFail(query.providerId, 'getAvailability');
    return freeSlots(this.seed, this.zone, day, query, this.heldTimes());
  }

  async bookAppointment(request: NewAppointment): Promise<Appointment> {
    const operation = 'bookAppointment';
    // Refuses, as invalid, a start the office clock never shows (see office-time.ts).
    toPmsLocal(request.start, this.zone, describeCall(this.callOf(operation)));
    this.patientOrFail(request.patientId, operation);
    const provider = this.providerOrFail(request.providerId, operation);
    const { durationMinutes } = request;
    const sensible = durationMinutes > 0 && durationMinutes <= MAX_DURATION_MINUTES;
    if (!Number.isInteger(durationMinutes) || !sensible) {
      throw this.refusal(operation, 400, 'rejected');
    }
    const startMs = DateTime.fromISO(request.start).toMillis();
    const time = {
      providerId: provider.providerId,
      startMs,
      endMs: startMs + durationMinutes * MINUTE_MS,
    };
    if (overlaps(this.heldTimes(), time)) throw this.refusal(operation, 409, 'slot not available');
    const weekday = DateTime.fromMillis(startMs, { zone: this.zone }).weekday;
    const stored: StoredAppointment = {
      ...time,
      cancelled: false,
      appointment: {
        appointmentId: sequentialId('DMY-A', ++this.appointmentSeq),
        patientId: request.patientId,
        providerId: provider.providerId,
        locationId:
          request.locationId ?? provider.schedule[weekday] ?? this.seed.locations[0].locationId,
        durationMinutes,
        appointmentType: request.appointmentType,
      },
    };
    this.appointments.set(stored.appointment.appointmentId, stored);
    return this.toAppointment(stored);
  }

  async cancelAppointment(appointmentId: string): Promise<void> {
    const stored = this.appointments.get(appointmentId);
    if (!stored) throw this.refusal('cancelAppointment', 404, 'not found');
    this.appointments.set(appointmentId, { ...stored, cancelled: true });
  }

  async findAppointments(query: AppointmentSearch): Promise<Appointment[]> {
    const startMs = Date.parse(query.start);
    return [...this.appointments.values()]
      .filter(
        (stored) =>
          stored.appointment.patientId === query.patientId &&
          stored.appointment.providerId === query.providerId &&
          stored.startMs === startMs,
      )
      .map((stored) => this.toAppointment(stored));
  }

  // Skips the seeded patients' ids, which use the same numbering.
  private nextPatientId(): string {
    let id = sequentialId('DMY-P', ++this.patientSeq);
    while (this.patients.has(id)) id = sequentialId('DMY-P', ++this.patientSeq);
    return id;
  }

  private heldTimes(): HeldTime[] {
    return [...this.appointments.values()].filter((stored) => !stored.cancelled);
  }

  private toAppointment(stored: StoredAppointment): Appointment {
    return { ...stored.appointment, start: officeIso(stored.startMs, this.zone) };
  }

  private patientOrFail(patientId: string, operation: PmsOperation): Patient {
    const patient = this.patients.get(patientId);
    if (!patient) throw this.refusal(operation, 404, 'not found');
    return patient;
  }

  private providerOrFail(providerId: string, operation: PmsOperation) {
    const provider = this.seed.providers.find((p) => p.providerId === providerId);
    if (!provider) throw this.refusal(operation, 404, 'not found');
    return provider;
  }

  /** The PmsError a real PMS's answer with this status would become. */
  private refusal(operation: PmsOperation, status: 400 | 404 | 409, what: string): PmsError {
    const kind = status === 409 ? 'conflict' : 'invalid';
    return new PmsError(
      kind,
      `${describeCall(this.callOf(operation))}: ${what} (${status})`,
      status,
    );
  }

  private callOf(operation: PmsOperation): PmsCall {
    return { pmsType: this.pmsType, officeId: this.context.officeId, operation };
  }
}

function sequentialId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(6, '0')}`;
}

const sameText = (a: string | undefined, b: string) =>
  a === undefined || a.toLowerCase() === b.toLowerCase();
const digits = (phone: string) => phone.replace(/\D/g, '');
