import axios, { AxiosInstance, AxiosRequestConfig, AxiosResponse, isAxiosError } from 'axios';
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { classifyHttpError, describeCall, PmsCall } from '../http-error.classifier';
import {
  Appointment,
  AppointmentSearch,
  AvailabilityQuery,
  CareStackConnection,
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
  toCareStackAppointment,
  toCareStackAvailability,
  toCareStackPatient,
  toCareStackPatientSearch,
} from './carestack.mapping';
import { CareStackTokens, classifyTokenFailure, TokenRequestError } from './carestack.tokens';

const DEFAULT_TIMEOUT_MS = 10_000;
const API = '/api/v1.0';
const HEALTH_ENDPOINT = `GET ${API}/status`;

type Effect = 'read' | 'write';

/**
 * CareStack over its REST API, with a bearer token from the OAuth2 password grant. The only
 * retry is one after a 401, with a new token: a 401 means the PMS refused before doing anything.
 */
export class CareStackAdapter implements PmsAdapter {
  readonly pmsType = 'carestack';
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });
  private readonly http: AxiosInstance;
  private readonly tokens: CareStackTokens;
  private readonly zone: string;

  constructor(
    connection: CareStackConnection,
    private readonly context: PmsAdapterContext,
  ) {
    this.zone = context.timeZone ?? 'UTC';
    this.http = axios.create({
      baseURL: connection.baseUrl,
      timeout: connection.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      headers: { AccountId: connection.accountId },
      // A followed redirect would hand the bearer token or the keys to wherever it points.
      maxRedirects: 0,
    });
    this.tokens = new CareStackTokens(this.http, connection);
  }

  async checkHealth(): Promise<PmsHealth> {
    const endpoint = await this.probe(HEALTH_ENDPOINT, async () => {
      const response = await this.send({ method: 'get', url: `${API}/status` });
      return { statusCode: response.status, ok: readHealthStatus(response.data) === 'Healthy' };
    });
    const { healthy, responseTimeMs, error } = endpoint;
    return { healthy, responseTimeMs, endpoints: [endpoint], error };
  }

  searchPatients(query: PatientSearch): Promise<Patient[]> {
    return this.call('searchPatients', 'read', async () => {
      const params = toCareStackPatientSearch(query);
      return readPatients(
        (await this.send({ method: 'get', url: `${API}/patients/search`, params })).data,
      );
    });
  }

  getPatient(patientId: string): Promise<Patient> {
    return this.call('getPatient', 'read', async () => {
      const url = `${API}/patients/${encodeURIComponent(patientId)}`;
      return readPatient((await this.send({ method: 'get', url })).data);
    });
  }

  createPatient(patient: NewPatient): Promise<Patient> {
    return this.call('createPatient', 'write', async () => {
      const data = toCareStackPatient(patient);
      return readPatient((await this.send({ method: 'post', url: `${API}/patients`, data })).data);
    });
  }

  listProviders(): Promise<Provider[]> {
    return this.call('listProviders', 'read', async () =>
      readProviders((await this.send({ method: 'get', url: `${API}/providers` })).data),
    );
  }

  listLocations(): Promise<Location[]> {
    return this.call('listLocations', 'read', async () =>
      readLocations((await this.send({ method: 'get', url: `${API}/locations` })).data),
    );
  }

  getAvailability(query: AvailabilityQuery): Promise<Slot[]> {
    return this.call('getAvailability', 'read', async () => {
      const url = `${API}/appointments/available-slots`;
      const params = toCareStackAvailability(query);
      return readSlots((await this.send({ method: 'get', url, params })).data, this.zone);
    });
  }

  async bookAppointment(appointment: NewAppointment): Promise<Appointment> {
    const operation = 'bookAppointment';
    // Before the call: a start the office's clock never shows must not reach the PMS.
    const data = toCareStackAppointment(appointment, this.zone, this.where(operation));
    return this.call(
      operation,
      'write',
      async () => {
        const response = await this.send({ method: 'post', url: `${API}/appointments`, data });
        // The PMS answers wall-clock time: our own start tells which of a repeated hour it is.
        return readAppointment(response.data, this.zone, appointment.start);
      },
      'slot not available',
    );
  }

  cancelAppointment(appointmentId: string): Promise<void> {
    return this.call('cancelAppointment', 'write', async () => {
      const url = `${API}/appointments/${encodeURIComponent(appointmentId)}/cancel`;
      await this.send({ method: 'put', url });
    });
  }

  /**
   * Cancelled appointments count: the PMS did create them, and booking again would break at
   * most once.
   */
  async findAppointments(query: AppointmentSearch): Promise<Appointment[]> {
    const operation = 'findAppointments';
    const params = {
      patientId: query.patientId,
      providerId: query.providerId,
      startDateTime: toPmsLocal(query.start, this.zone, this.where(operation)),
    };
    return this.call(operation, 'read', async () => {
      const response = await this.send({ method: 'get', url: `${API}/appointments`, params });
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

  /** One API request with the current token; after a 401, once more with a new one. */
  private async send(request: AxiosRequestConfig): Promise<AxiosResponse> {
    const token = await this.tokens.current();
    try {
      return await this.http.request(withBearer(request, token));
    } catch (error) {
      if (!isAxiosError(error) || error.response?.status !== 401) throw error;
      this.tokens.invalidate(token);
      return this.http.request(withBearer(request, await this.tokens.current()));
    }
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
      if (error instanceof TokenRequestError) {
        throw classifyTokenFailure(error.failure, this.callOf(operation));
      }
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

  private where(operation: string): string {
    return describeCall(this.callOf(operation));
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
      const error = ok ? undefined : `${this.where(operation)}: status not Healthy`;
      return { endpoint, healthy: ok, responseTimeMs: elapsed(), statusCode, error };
    } catch (failure) {
      const { message, statusCode } = failure as PmsError;
      return { endpoint, healthy: false, responseTimeMs: elapsed(), statusCode, error: message };
    }
  }
}

function withBearer(request: AxiosRequestConfig, token: string): AxiosRequestConfig {
  return { ...request, headers: { ...request.headers, Authorization: `Bearer ${token}` } };
}
