import { AxiosInstance } from 'axios';
import { PmsCallRunner } from '../http/pms-call.runner';
import { closePmsHttp, createPmsHttp } from '../http/pms-http.client';
import {
  Appointment,
  AppointmentSearch,
  AvailabilityQuery,
  DentrixConnection,
  Location,
  NewAppointment,
  NewPatient,
  Patient,
  PatientSearch,
  PmsAdapter,
  PmsAdapterContext,
  PmsHealth,
  Provider,
  Slot,
} from '../pms-adapter.port';
import { PmsOperation } from '../pms.operations';
import { matchingAppointments } from '../search.mapping';
import { officeZone, toPmsLocal } from '../time/office-time';
import {
  readAppointment,
  readAppointments,
  readHealthStatus,
  readLocations,
  readPatient,
  readPatients,
  readProviders,
  readSlots,
  toDentrixAppointment,
  toDentrixAvailability,
  toDentrixPatient,
  toDentrixPatientSearch,
} from './dentrix.mapping';

/**
 * Dentrix over its REST API. No retries: a write retried blindly can double-book. Dentrix speaks the
 * office's wall-clock time, converted here with the office zone (`context.timeZone`, default UTC).
 */
export class DentrixAdapter implements PmsAdapter {
  readonly pmsType = 'dentrix';
  private readonly http: AxiosInstance;
  private readonly calls: PmsCallRunner;
  private readonly zone: string;

  constructor(connection: DentrixConnection, context: PmsAdapterContext) {
    this.zone = officeZone(this.pmsType, context);
    this.http = createPmsHttp(connection, {
      auth: { username: connection.username, password: connection.password },
      headers: { 'X-Database': connection.database, 'X-API-Key': connection.apiKey },
    });
    this.calls = new PmsCallRunner(this.pmsType, context.officeId);
  }

  checkHealth(): Promise<PmsHealth> {
    return this.calls.probe({
      endpoint: 'GET /api/health',
      request: () => this.http.get('/api/health'),
      readStatus: readHealthStatus,
      healthyStatus: 'OK',
    });
  }

  searchPatients(query: PatientSearch): Promise<Patient[]> {
    return this.calls.run('searchPatients', async () => {
      const params = toDentrixPatientSearch(query);
      return readPatients((await this.http.get('/api/patients/search', { params })).data);
    });
  }

  getPatient(patientId: string): Promise<Patient> {
    return this.calls.run('getPatient', async () =>
      readPatient((await this.http.get(`/api/patients/${encodeURIComponent(patientId)}`)).data),
    );
  }

  createPatient(patient: NewPatient): Promise<Patient> {
    return this.calls.run('createPatient', async () =>
      readPatient((await this.http.post('/api/patients', toDentrixPatient(patient))).data),
    );
  }

  listProviders(): Promise<Provider[]> {
    return this.calls.run('listProviders', async () =>
      readProviders((await this.http.get('/api/providers')).data),
    );
  }

  listLocations(): Promise<Location[]> {
    return this.calls.run('listLocations', async () =>
      readLocations((await this.http.get('/api/locations')).data),
    );
  }

  getAvailability(query: AvailabilityQuery): Promise<Slot[]> {
    return this.calls.run('getAvailability', async () => {
      const body = toDentrixAvailability(query);
      const answer = await this.http.post('/api/appointments/availability', body);
      return readSlots(answer.data, this.zone);
    });
  }

  bookAppointment(appointment: NewAppointment): Promise<Appointment> {
    const operation = 'bookAppointment';
    return this.calls.run(
      operation,
      async () => {
        const startTime = this.toLocal(appointment.start, operation);
        const body = toDentrixAppointment(appointment, startTime);
        const answer = await this.http.post('/api/appointments', body);
        return readAppointment(answer.data, this.zone, appointment.start);
      },
      'slot not available',
    );
  }

  cancelAppointment(appointmentId: string): Promise<void> {
    return this.calls.run('cancelAppointment', async () => {
      // Dentrix answers a repeated cancel like the first: cancelling is idempotent.
      await this.http.delete(`/api/appointments/${encodeURIComponent(appointmentId)}`);
    });
  }

  findAppointments(query: AppointmentSearch): Promise<Appointment[]> {
    const operation = 'findAppointments';
    return this.calls.run(operation, async () => {
      const params = {
        patientId: query.patientId,
        providerId: query.providerId,
        start: this.toLocal(query.start, operation),
      };
      const answer = await this.http.get('/api/appointments', { params });
      return matchingAppointments(readAppointments(answer.data, this.zone, query.start), query);
    });
  }

  async close(): Promise<void> {
    closePmsHttp(this.http);
  }

  private toLocal(iso: string, operation: PmsOperation): string {
    return toPmsLocal(iso, this.zone, this.calls.where(operation));
  }
}
