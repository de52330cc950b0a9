import { ProcessState } from '../shared/command';
import { ProcessStep } from '../shared/process';
import { processDecider } from '../shared/process-decider';
import {
  PATIENT_REGISTRATION_EVENTS,
  PatientCreationRequest,
  PatientCreationResult,
} from './patient-registration.events';

export type PatientRegistrationState = ProcessState<PatientCreationRequest, PatientCreationResult>;
export type PatientRegistrationStep = ProcessStep<PatientCreationRequest, PatientCreationResult>;

const registration = processDecider<
  typeof PATIENT_REGISTRATION_EVENTS,
  PatientCreationRequest,
  PatientCreationResult
>(PATIENT_REGISTRATION_EVENTS, ({ patientId }) => ({ patientId }));

export const decidePatientRegistration = registration.decide;
export const evolvePatientRegistration = registration.evolve;
export const foldPatientRegistration = registration.fold;
