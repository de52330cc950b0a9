import { ProcessEvent } from './process.decider';

/**
 * Patient fields never enter the store: the audit records which fields were sent and the PMS's
 * patient id. A replayed command carries its own payload for reconciliation.
 */
export interface PatientCreationRequest {
  readonly providedFields: readonly string[];
  /** PMS ids of patients who matched before the call: never mistaken for the one it created. */
  readonly existingPatientIds?: readonly string[];
}

/** A type alias, not an interface, so it fits the outcome's string map. */
export type PatientCreationResult = { readonly patientId: string };

export const PATIENT_REGISTRATION_EVENTS = {
  requested: 'PatientCreationRequested',
  succeeded: 'PatientCreated',
  rejected: 'PatientCreationRejected',
  failed: 'PatientCreationFailed',
  notFound: 'PatientNotFoundInPms',
} as const;

/** patient-registration-<commandId>: the same lifecycle as a booking. */
export type PatientRegistrationEvent = ProcessEvent<
  typeof PATIENT_REGISTRATION_EVENTS,
  PatientCreationRequest,
  PatientCreationResult
>;

export const patientRegistrationStream = (commandId: string): string =>
  `patient-registration-${commandId}`;
