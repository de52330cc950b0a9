import axios, { AxiosInstance } from 'axios';
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

/** Dentrix over its REST API. No retries: a write retried blindly can double-book. */
export class DentrixAdapter implements PmsAdapter {
  readonly pmsType = 'dentrix';
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });
  private readonly http: AxiosInstance;

  constructor(
    connection: DentrixConnection,
    private readonly context: PmsAdapterContext,
  ) {
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
      return readSlots((await this.http.post('/api/appointments/availability', body)).data);
    });
  }

  bookAppointment(appointment: NewAppointment): Promise<Appointment> {
    return this.call(
      'bookAppointment',
      'write',
      async () =>
        readAppointment(
          (await this.http.post('/api/appointments', toDentrixAppointment(appointment))).data,
        ),
      'slot not available',
    );
  }

  findAppointments(query: AppointmentSearch): Promise<Appointment[]> {
    return this.call('findAppointments', 'read', async () => {
      const params = {
        patientId: query.patientId,
        providerId: query.providerId,
        start: query.start,
      };
      const found = readAppointments((await this.http.get('/api/appointments', { params })).data);
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
      throw classifyHttpError(error, {
        ...this.callOf(operation),
        write: effect === 'write',
        conflict,
      });
    }
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
