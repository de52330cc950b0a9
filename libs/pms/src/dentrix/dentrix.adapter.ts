import axios, { AxiosInstance } from 'axios';
import { IANAZone } from 'luxon';
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { classifyHttpError, describeCall, PmsCall } from '../http-error.classifier';
import {
  Appointment,
  AppointmentSearch,
  AvailabilityQuery,
  DentrixConnection,
  EndpointHealth,
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
import { toPmsLocal } from '../time/office-time';
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

const DEFAULT_TIMEOUT_MS = 10_000;
const HEALTH_ENDPOINT = 'GET /api/health';

type Effect = 'read' | 'write';

/**
 * Dentrix over its REST API. No retries: a write retried blindly can double-book. Dentrix speaks the
 * office's wall-clock time, converted here with the office zone (`context.timeZone`, default UTC).
 */
export class DentrixAdapter implements PmsAdapter {
  readonly pmsType = 'dentrix';
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });
  private readonly http: AxiosInstance;
  private readonly zone: string;

  constructor(
    connection: DentrixConnection,
    private readonly context: PmsAdapterContext,
  ) {
    this.zone = context.timeZone ?? 'UTC';
    if (!IANAZone.isValidZone(this.zone)) {
      throw new Error(
        `dentrix adapter for office ${context.officeId}: unknown time zone ${this.zone}`,
      );
    }
    this.http = axios.create({
      baseURL: connection.baseUrl,
      timeout: connection.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      auth: { username: connection.username, password: connection.password },
      headers: { 'X-Database': connection.database, 'X-API-Key': connection.apiKey },
      // A followed redirect would hand X-API-Key to wherever it points.
      maxRedirects: 0,
    });
  }

  async checkHealth(): Promise<PmsHealth> {
    const endpoint = await this.probe(HEALTH_ENDPOINT, async () => {
      const response = await this.http.get('/api/health');
      return { statusCode: response.status, ok: readHealthStatus(response.data) === 'OK' };
    });
    const { healthy, responseTimeMs, error } = endpoint;
    return { healthy, responseTimeMs, endpoints: [endpoint], error };
  }

  searchPatients(query: PatientSearch): Promise<Patient[]> {
    return this.call('searchPatients', 'read', async () => {
      const params = toDentrixPatientSearch(query);
      return readPatients((await this.http.get('/api/patients/search', { params })).data);
    });
  }

  getPatient(patientId: string): Promise<Patient> {
    return this.call('getPatient', 'read', async () =>
      readPatient((await this.http.get(`/api/patients/${encodeURIComponent(patientId)}`)).data),
    );
  }

  createPatient(patient: NewPatient): Promise<Patient> {
    return this.call('createPatient', 'write', async () =>
      readPatient((await this.http.post('/api/patients', toDentrixPatient(patient))).data),
    );
  }

  listProviders(): Promise<Provider[]> {
    return this.call('listProviders', 'read', async () =>
      readProviders((await this.http.get('/api/providers')).data),
    );
  }

  listLocations(): Promise<Location[]> {
    return this.call('listLocations', 'read', async () =>
      readLocations((await this.http.get('/api/locations')).data),
    );
  }

  getAvailability(query: AvailabilityQuery): Promise<Slot[]> {
    return this.call('getAvailability', 'read', async () => {
      const body = toDentrixAvailability(query);
      const answer = await this.http.post('/api/appointments/availability', body);
      return readSlots(answer.data, this.zone);
    });
  }

  bookAppointment(appointment: NewAppointment): Promise<Appointment> {
    const operation = 'bookAppointment';
    return this.call(
      operation,
      'write',
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
    return this.call('cancelAppointment', 'write', async () => {
      // Dentrix answers a repeated cancel like the first: cancelling is idempotent.
      await this.http.delete(`/api/appointments/${encodeURIComponent(appointmentId)}`);
    });
  }

  findAppointments(query: AppointmentSearch): Promise<Appointment[]> {
    const operation = 'findAppointments';
    return this.call(operation, 'read', async () => {
      const params = {
        patientId: query.patientId,
        providerId: query.providerId,
        start: this.toLocal(query.start, operation),
      };
      const answer = await this.http.get('/api/appointments', { params });
      const found = readAppointments(answer.data, this.zone, query.start);
      // Compare instants ourselves: a PMS may ignore the filter or match by day.
      const start = Date.parse(query.start);
      return found.filter(
        (appt) =>
          appt.patientId === query.patientId &&
          appt.providerId === query.providerId &&
          Date.parse(appt.start) === start,
      );
    });
  }

  async close(): Promise<void> {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private async call<T>(
    operation: string,
    effect: Effect,
    request: () => Promise<T>,
    conflict?: string,
  ): Promise<T> {
    try {
      return await request();
    } catch (error) {
      // Already decided, e.g. a start time the office clock never shows: surfaces as is.
      if (error instanceof PmsError) throw error;
      throw classifyHttpError(error, {
        ...this.callOf(operation),
        write: effect === 'write',
        conflict,
      });
    }
  }

  private toLocal(iso: string, operation: string): string {
    return toPmsLocal(iso, this.zone, describeCall(this.callOf(operation)));
  }

  private callOf(operation: string): PmsCall {
    return { pmsType: this.pmsType, officeId: this.context.officeId, operation };
  }

  /** Never throws: a down PMS is a health result, not an error. */
  private async probe(
    endpoint: string,
    request: () => Promise<{ statusCode: number; ok: boolean }>,
  ): Promise<EndpointHealth> {
    const operation = 'checkHealth';
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const { statusCode, ok } = await this.call(operation, 'read', request);
      const error = ok ? undefined : `${describeCall(this.callOf(operation))}: status not OK`;
      return { endpoint, healthy: ok, responseTimeMs: elapsed(), statusCode, error };
    } catch (failure) {
      const { message, statusCode } = failure as PmsError;
      return { endpoint, healthy: false, responseTimeMs: elapsed(), statusCode, error: message };
    }
  }
}
