import axios, { AxiosInstance, AxiosRequestConfig, isAxiosError } from 'axios';
import { IANAZone } from 'luxon';
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { classifyHttpError, describeCall, PmsCall } from '../http-error.classifier';
import {
  Appointment,
  AppointmentSearch,
  AvailabilityQuery,
  EaglesoftConnection,
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
import { EaglesoftTokenCache } from './eaglesoft-token';
import {
  readAppointment,
  readAppointments,
  readLocations,
  readPatient,
  readPatients,
  readProviders,
  readSlots,
  readSystemStatus,
  readToken,
  toEaglesoftAppointment,
  toEaglesoftAvailability,
  toEaglesoftPatient,
  toEaglesoftPatientSearch,
  toEaglesoftTokenRequest,
} from './eaglesoft.mapping';

const DEFAULT_TIMEOUT_MS = 10_000;
const HEALTH_ENDPOINT = 'GET /api/system/status';

type Effect = 'read' | 'write';
type Send<T> = (auth: AxiosRequestConfig) => Promise<T>;

/**
 * Eaglesoft over its REST API, signed in with an OAuth2 bearer token. The only retry is a call the
 * PMS refused with 401, sent once more with a new token: a 401 means nothing was done.
 */
export class EaglesoftAdapter implements PmsAdapter {
  readonly pmsType = 'eaglesoft';
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });
  private readonly http: AxiosInstance;
  private readonly token: EaglesoftTokenCache;
  private readonly zone: string;

  constructor(
    connection: EaglesoftConnection,
    private readonly context: PmsAdapterContext,
  ) {
    this.zone = context.timeZone ?? 'UTC';
    if (!IANAZone.isValidZone(this.zone)) {
      throw new PmsError(
        'invalid',
        `eaglesoft for office ${context.officeId}: unknown time zone ${this.zone}`,
      );
    }
    this.http = axios.create({
      baseURL: connection.baseUrl,
      timeout: connection.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      // A followed redirect would hand the bearer token to wherever it points.
      maxRedirects: 0,
    });
    const tokenRequest = toEaglesoftTokenRequest(connection);
    this.token = new EaglesoftTokenCache(async () =>
      readToken((await this.http.post('/api/auth/token', tokenRequest)).data),
    );
  }

  async checkHealth(): Promise<PmsHealth> {
    // Through the bearer token like every call, so a refused sign-in shows as unhealthy too.
    const endpoint = await this.probe(HEALTH_ENDPOINT, async (auth) => {
      const response = await this.http.get('/api/system/status', auth);
      return { statusCode: response.status, ok: readSystemStatus(response.data) === 'online' };
    });
    const { healthy, responseTimeMs, error } = endpoint;
    return { healthy, responseTimeMs, endpoints: [endpoint], error };
  }

  searchPatients(query: PatientSearch): Promise<Patient[]> {
    return this.call('searchPatients', 'read', async (auth) => {
      const params = toEaglesoftPatientSearch(query);
      return readPatients((await this.http.get('/api/patients/search', { ...auth, params })).data);
    });
  }

  getPatient(patientId: string): Promise<Patient> {
    return this.call('getPatient', 'read', async (auth) =>
      readPatient(
        (await this.http.get(`/api/patients/${encodeURIComponent(patientId)}`, auth)).data,
      ),
    );
  }

  createPatient(patient: NewPatient): Promise<Patient> {
    return this.call('createPatient', 'write', async (auth) =>
      readPatient((await this.http.post('/api/patients', toEaglesoftPatient(patient), auth)).data),
    );
  }

  listProviders(): Promise<Provider[]> {
    return this.call('listProviders', 'read', async (auth) =>
      readProviders((await this.http.get('/api/providers', auth)).data),
    );
  }

  listLocations(): Promise<Location[]> {
    return this.call('listLocations', 'read', async (auth) =>
      readLocations((await this.http.get('/api/locations', auth)).data),
    );
  }

  getAvailability(query: AvailabilityQuery): Promise<Slot[]> {
    return this.call('getAvailability', 'read', async (auth) => {
      const body = toEaglesoftAvailability(query);
      const response = await this.http.post('/api/appointments/availability', body, auth);
      return readSlots(response.data, this.zone);
    });
  }

  async bookAppointment(appointment: NewAppointment): Promise<Appointment> {
    const operation = 'bookAppointment';
    // Converted before anything is sent: a time the office's clock never shows books nothing.
    const start = toPmsLocal(appointment.start, this.zone, this.where(operation));
    const body = toEaglesoftAppointment(appointment, start);
    return this.call(
      operation,
      'write',
      async (auth) =>
        readAppointment(
          (await this.http.post('/api/appointments', body, auth)).data,
          this.zone,
          appointment.start,
        ),
      'slot not available',
    );
  }

  cancelAppointment(appointmentId: string): Promise<void> {
    return this.call('cancelAppointment', 'write', async (auth) => {
      const path = `/api/appointments/${encodeURIComponent(appointmentId)}/cancel`;
      await this.http.post(path, undefined, auth);
    });
  }

  async findAppointments(query: AppointmentSearch): Promise<Appointment[]> {
    const operation = 'findAppointments';
    const params: Record<string, string> = {
      patient_id: query.patientId,
      provider_id: query.providerId,
      start: toPmsLocal(query.start, this.zone, this.where(operation)),
    };
    return this.call(operation, 'read', async (auth) => {
      const response = await this.http.get('/api/appointments', { ...auth, params });
      const found = readAppointments(response.data, this.zone, query.start);
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
    send: Send<T>,
    conflict?: string,
  ): Promise<T> {
    const failed = { ...this.callOf(operation), write: effect === 'write', conflict };
    const token = await this.bearer(operation);
    try {
      return await send(authorization(token));
    } catch (error) {
      if (!isUnauthorized(error)) throw classifyHttpError(error, failed);
      // Expired or revoked early: the PMS refused before doing anything, so one resend is safe.
      this.token.discard(token);
    }
    const fresh = await this.bearer(operation);
    try {
      return await send(authorization(fresh));
    } catch (error) {
      throw classifyHttpError(error, failed);
    }
  }

  /**
   * A failed sign-in means the operation's own request was never sent (or was refused): even a
   * token request that timed out leaves nothing done, so it is `unreachable`, not unknown.
   */
  private async bearer(operation: string): Promise<string> {
    try {
      return await this.token.get();
    } catch (error) {
      const { kind, message, statusCode, retryAfterMs } = classifyHttpError(error, {
        ...this.callOf(operation),
        write: false,
      });
      throw new PmsError(
        kind === 'unknown-outcome' ? 'unreachable' : kind,
        `${message} on the token request`,
        statusCode,
        retryAfterMs,
      );
    }
  }

  private callOf(operation: string): PmsCall {
    return { pmsType: this.pmsType, officeId: this.context.officeId, operation };
  }

  private where(operation: string): string {
    return describeCall(this.callOf(operation));
  }

  /** Never throws: a down PMS is a health result, not an error. */
  private async probe(
    endpoint: string,
    request: Send<{ statusCode: number; ok: boolean }>,
  ): Promise<EndpointHealth> {
    const operation = 'checkHealth';
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const { statusCode, ok } = await this.call(operation, 'read', request);
      const error = ok ? undefined : `${this.where(operation)}: status not online`;
      return { endpoint, healthy: ok, responseTimeMs: elapsed(), statusCode, error };
    } catch (failure) {
      const { message, statusCode } = failure as PmsError;
      return { endpoint, healthy: false, responseTimeMs: elapsed(), statusCode, error: message };
    }
  }
}

function authorization(token: string): AxiosRequestConfig {
  return { headers: { Authorization: `Bearer ${token}` } };
}

function isUnauthorized(error: unknown): boolean {
  return isAxiosError(error) && error.response?.status === 401;
}
