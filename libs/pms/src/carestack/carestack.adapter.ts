import { AxiosInstance } from 'axios';
import { BearerTokenCache } from '../auth/bearer-token.cache';
import { PmsCallRunner } from '../http/pms-call.runner';
import { closePmsHttp, createPmsHttp } from '../http/pms-http.client';
import {
  Appointment,
  AppointmentSearch,
  AvailabilityQuery,
  CareStackConnection,
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
import { matchingAppointments } from '../search.mapping';
import { officeZone, toPmsLocal } from '../time/office-time';
import { classifyCareStackTokenFailure } from './carestack-token.classifier';
import {
  readAppointment,
  readAppointments,
  readCareStackToken,
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
  toCareStackTokenForm,
} from './carestack.mapping';

const API = '/api/v1.0';

/**
 * CareStack over its REST API, with a bearer token from the OAuth2 password grant. The only
 * retry is one after a 401, with a new token: a 401 means the PMS refused before doing anything.
 */
export class CareStackAdapter implements PmsAdapter {
  readonly pmsType = 'carestack';
  private readonly http: AxiosInstance;
  private readonly calls: PmsCallRunner;
  private readonly zone: string;

  constructor(connection: CareStackConnection, context: PmsAdapterContext) {
    this.zone = officeZone(this.pmsType, context);
    this.http = createPmsHttp(connection, { headers: { AccountId: connection.accountId } });
    const tokens = new BearerTokenCache(async () =>
      readCareStackToken(
        (await this.http.post('/connect/token', toCareStackTokenForm(connection))).data,
      ),
    );
    this.calls = new PmsCallRunner(this.pmsType, context.officeId, {
      tokens,
      classifyFailure: classifyCareStackTokenFailure,
    });
  }

  checkHealth(): Promise<PmsHealth> {
    return this.calls.probe({
      endpoint: `GET ${API}/status`,
      request: (auth) => this.http.get(`${API}/status`, auth),
      readStatus: readHealthStatus,
      healthyStatus: 'Healthy',
    });
  }

  searchPatients(query: PatientSearch): Promise<Patient[]> {
    return this.calls.run('searchPatients', async (auth) => {
      const params = toCareStackPatientSearch(query);
      return readPatients(
        (await this.http.get(`${API}/patients/search`, { ...auth, params })).data,
      );
    });
  }

  getPatient(patientId: string): Promise<Patient> {
    return this.calls.run('getPatient', async (auth) => {
      const url = `${API}/patients/${encodeURIComponent(patientId)}`;
      return readPatient((await this.http.get(url, auth)).data);
    });
  }

  createPatient(patient: NewPatient): Promise<Patient> {
    return this.calls.run('createPatient', async (auth) => {
      const data = toCareStackPatient(patient);
      return readPatient((await this.http.post(`${API}/patients`, data, auth)).data);
    });
  }

  listProviders(): Promise<Provider[]> {
    return this.calls.run('listProviders', async (auth) =>
      readProviders((await this.http.get(`${API}/providers`, auth)).data),
    );
  }

  listLocations(): Promise<Location[]> {
    return this.calls.run('listLocations', async (auth) =>
      readLocations((await this.http.get(`${API}/locations`, auth)).data),
    );
  }

  getAvailability(query: AvailabilityQuery): Promise<Slot[]> {
    return this.calls.run('getAvailability', async (auth) => {
      const url = `${API}/appointments/available-slots`;
      const params = toCareStackAvailability(query);
      return readSlots((await this.http.get(url, { ...auth, params })).data, this.zone);
    });
  }

  async bookAppointment(appointment: NewAppointment): Promise<Appointment> {
    const operation = 'bookAppointment';
    // Before the call: a start the office's clock never shows must not reach the PMS.
    const data = toCareStackAppointment(appointment, this.zone, this.calls.where(operation));
    return this.calls.run(
      operation,
      async (auth) => {
        const response = await this.http.post(`${API}/appointments`, data, auth);
        // The PMS answers wall-clock time: our own start tells which of a repeated hour it is.
        return readAppointment(response.data, this.zone, appointment.start);
      },
      'slot not available',
    );
  }

  cancelAppointment(appointmentId: string): Promise<void> {
    return this.calls.run('cancelAppointment', async (auth) => {
      const url = `${API}/appointments/${encodeURIComponent(appointmentId)}/cancel`;
      await this.http.put(url, undefined, auth);
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
      startDateTime: toPmsLocal(query.start, this.zone, this.calls.where(operation)),
    };
    return this.calls.run(operation, async (auth) => {
      const response = await this.http.get(`${API}/appointments`, { ...auth, params });
      return matchingAppointments(readAppointments(response.data, this.zone, query.start), query);
    });
  }

  async close(): Promise<void> {
    closePmsHttp(this.http);
  }
}
