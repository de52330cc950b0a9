import { ProcessState } from './command';
import { ProcessStep } from './process';
import { processDecider } from './process.decider';
import {
  PATIENT_REGISTRATION_EVENTS,
  PatientCreationRequest,
  PatientCreationResult,
} from './patient-registration.events';

export type PatientRegistrationState = ProcessState<PatientCreationRequest, PatientCreationResult>;
export type PatientRegistrationStep = ProcessStep<PatientCreationRequest, PatientCreationResult>;

export const patientRegistrationDecider = processDecider<
  typeof PATIENT_REGISTRATION_EVENTS,
  PatientCreationRequest,
  PatientCreationResult
>(PATIENT_REGISTRATION_EVENTS, ({ patientId }) => ({ patientId }));

export const decidePatientRegistration = patientRegistrationDecider.decide;
export const foldPatientRegistration = patientRegistrationDecider.fold;
