import { Request } from 'express';
import { PatientCriteria, PatientFieldNames } from './patient-fields';
import { parseDate } from './wall-clock';

export type Body = Record<string, unknown>;
export type Query = Request['query'];

/** Longer is a typo, not a dental visit. */
const MAX_DURATION_MINUTES = 8 * 60;

/**
 * Request field readers shared by every simulated PMS; each refuses bad input in its own error
 * shape, built by `badRequest`. Messages name the field as the vendor spells it.
 */
export class RequestFields {
  constructor(private readonly badRequest: (message: string) => Error) {}

  asBody(raw: unknown): Body {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw this.badRequest('Request body must be a JSON object');
    }
    return raw as Body;
  }

  requiredText(body: Body, field: string): string {
    const value = body[field];
    if (typeof value !== 'string' || value.trim() === '') {
      throw this.badRequest(`${field} is required`);
    }
    return value.trim();
  }

  optionalText(body: Body, field: string): string | undefined {
    const value = body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw this.badRequest(`${field} must be a string`);
    return value;
  }

  queryText(query: Query, name: string): string | undefined {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw this.badRequest(`${name} must be given once`);
    return value;
  }

  /** Wall ms of midnight of the date `value` names (see wall-clock.ts). */
  date(value: string, field: string): number {
    const dayMs = parseDate(value);
    if (dayMs === undefined) throw this.badRequest(`${field} must be a date (YYYY-MM-DD)`);
    return dayMs;
  }

  durationMinutes(body: Body, field: string): number {
    const value = body[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw this.badRequest(`${field} must be a whole number of minutes`);
    }
    if (value > MAX_DURATION_MINUTES) throw this.badRequest(`${field} is too long`);
    return value;
  }

  /** Search criteria from the query, as the vendor names them; at least one is required. */
  patientCriteria(query: Query, names: Record<keyof PatientCriteria, string>): PatientCriteria {
    const criteria = {
      firstName: this.queryText(query, names.firstName),
      lastName: this.queryText(query, names.lastName),
      dateOfBirth: this.queryText(query, names.dateOfBirth),
      phone: this.queryText(query, names.phone),
    };
    // Like real PMS APIs, never list the whole patient table.
    if (Object.values(criteria).every((value) => value === undefined)) {
      throw this.badRequest('At least one search criterion is required');
    }
    return criteria;
  }

  /** A new patient, fields in the vendor's spelling and order: names and birth date required. */
  newPatient<Patient>(raw: unknown, names: PatientFieldNames<Patient>): Patient {
    const body = this.asBody(raw);
    const patient = {
      [names.firstName]: this.requiredText(body, names.firstName),
      [names.lastName]: this.requiredText(body, names.lastName),
      [names.dateOfBirth]: this.requiredText(body, names.dateOfBirth),
      [names.phone]: this.optionalText(body, names.phone),
      [names.email]: this.optionalText(body, names.email),
    };
    this.date(patient[names.dateOfBirth]!, names.dateOfBirth);
    // Built key by key from `names`, which only names fields of `Patient`.
    return patient as Patient;
  }
}
