import { AxiosInstance } from 'axios';
import { BearerTokenCache } from '../auth/bearer-token.cache';
import { classifyTokenFailure } from '../auth/token-failure.classifier';
import { PmsCall } from '../http-error.classifier';
import { PmsCallRunner } from '../http/pms-call.runner';
import { closePmsHttp, createPmsHttp } from '../http/pms-http.client';
import {
  Appointment,
  AppointmentSearch,
  AvailabilityQuery,
  EaglesoftConnection,
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
import { matchingAppointments } from '../search.mapping';
import { officeZone, toPmsLocal } from '../time/office-time';
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

/**
 * Eaglesoft over its REST API, signed in with an OAuth2 bearer token. The only retry is a call the
 * PMS refused with 401, sent once more with a new token: a 401 means nothing was done.
 */
export class EaglesoftAdapter implements PmsAdapter {
  readonly pmsType = 'eaglesoft';
  private readonly http: AxiosInstance;
  private readonly calls: PmsCallRunner;
  private readonly zone: string;

  constructor(connection: EaglesoftConnection, context: PmsAdapterContext) {
    this.zone = officeZone(this.pmsType, context);
    this.http = createPmsHttp(connection);
    const tokenRequest = toEaglesoftTokenRequest(connection);
    const tokens = new BearerTokenCache(async () =>
      readToken((await this.http.post('/api/auth/token', tokenRequest)).data),
    );
    this.calls = new PmsCallRunner(this.pmsType, context.officeId, {
      tokens,
      classifyFailure: classifySignInFailure,
    });
  }

  checkHealth(): Promise<PmsHealth> {
    // Through the bearer token like every call, so a refused sign-in shows as unhealthy too.
    return this.calls.probe({
      endpoint: 'GET /api/system/status',
      request: (auth) => this.http.get('/api/system/status', auth),
      readStatus: readSystemStatus,
      healthyStatus: 'online',
    });
  }

  searchPatients(query: PatientSearch): Promise<Patient[]> {
    return this.calls.run('searchPatients', async (auth) => {
      const params = toEaglesoftPatientSearch(query);
      return readPatients((await this.http.get('/api/patients/search', { ...auth, params })).data);
    });
  }

  getPatient(patientId: string): Promise<Patient> {
    return this.calls.run('getPatient', async (auth) =>
      readPatient(
        (await this.http.get(`/api/patients/${encodeURIComponent(patientId)}`, auth)).data,
      ),
    );
  }

  createPatient(patient: NewPatient): Promise<Patient> {
    return this.calls.run('createPatient', async (auth) =>
      readPatient((await this.http.post('/api/patients', toEaglesoftPatient(patient), auth)).data),
    );
  }

  listProviders(): Promise<Provider[]> {
    return this.calls.run('listProviders', async (auth) =>
      readProviders((await this.http.get('/api/providers', auth)).data),
    );
  }

  listLocations(): Promise<Location[]> {
    return this.calls.run('listLocations', async (auth) =>
      readLocations((await this.http.get('/api/locations', auth)).data),
    );
  }

  getAvailability(query: AvailabilityQuery): Promise<Slot[]> {
    return this.calls.run('getAvailability', async (auth) => {
      const body = toEaglesoftAvailability(query);
      const response = await this.http.post('/api/appointments/availability', body, auth);
      return readSlots(response.data, this.zone);
    });
  }

  async bookAppointment(appointment: NewAppointment): Promise<Appointment> {
    const operation = 'bookAppointment';
    // Converted before anything is sent: a time the office's clock never shows books nothing.
    const start = toPmsLocal(appointment.start, this.zone, this.calls.where(operation));
    const body = toEaglesoftAppointment(appointment, start);
    return this.calls.run(
      operation,
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
    return this.calls.run('cancelAppointment', async (auth) => {
      const path = `/api/appointments/${encodeURIComponent(appointmentId)}/cancel`;
      await this.http.post(path, undefined, auth);
    });
  }

  async findAppointments(query: AppointmentSearch): Promise<Appointment[]> {
    const operation = 'findAppointments';
    const params: Record<string, string> = {
      patient_id: query.patientId,
      provider_id: query.providerId,
      start: toPmsLocal(query.start, this.zone, this.calls.where(operation)),
    };
    return this.calls.run(operation, async (auth) => {
      const response = await this.http.get('/api/appointments', { ...auth, params });
      return matchingAppointments(readAppointments(response.data, this.zone, query.start), query);
    });
  }

  async close(): Promise<void> {
    closePmsHttp(this.http);
  }
}

/** Eaglesoft names a failed sign-in after the call that needed it, marked as the token request. */
function classifySignInFailure(failure: unknown, call: PmsCall): PmsError {
  const { kind, message, statusCode, retryAfterMs } = classifyTokenFailure(failure, call);
  return new PmsError(kind, `${message} on the token request`, statusCode, retryAfterMs);
}
