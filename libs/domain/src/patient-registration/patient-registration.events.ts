import { DomainEvent } from '../shared/event';

/**
 * Patient fields never enter the store: the audit records which fields were sent and the PMS's
 * patient id. A replayed command carries its own payload for reconciliation.
 */
export interface PatientCreationRequest {
  readonly providedFields: readonly string[];
}

/** A type alias, not an interface, so it fits the outcome's string map. */
export type PatientCreationResult = { readonly patientId: string };

export type PatientCreationRequested = DomainEvent<
  'PatientCreationRequested',
  PatientCreationRequest
>;
export type PatientCreated = DomainEvent<
  'PatientCreated',
  PatientCreationResult & { readonly via: 'call' | 'reconciliation' }
>;
export type PatientCreationRejected = DomainEvent<
  'PatientCreationRejected',
  { readonly reason: string }
>;
export type PatientCreationFailed = DomainEvent<
  'PatientCreationFailed',
  { readonly reason: string }
>;
/** A reconciliation search after an interrupted call found no such patient in the PMS. */
export type PatientNotFoundInPms = DomainEvent<'PatientNotFoundInPms', Record<string, never>>;

export type PatientRegistrationEvent =
  | PatientCreationRequested
  | PatientCreated
  | PatientCreationRejected
  | PatientCreationFailed
  | PatientNotFoundInPms;

export const patientRegistrationStream = (commandId: string): string =>
  `patient-registration-${commandId}`;
