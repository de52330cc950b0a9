import { processDecider } from './process.decider';
import {
  PATIENT_REGISTRATION_EVENTS,
  PatientCreationRequest,
  PatientCreationResult,
} from './patient-registration.events';

export const patientRegistrationDecider = processDecider<
  typeof PATIENT_REGISTRATION_EVENTS,
  PatientCreationRequest,
  PatientCreationResult
>(PATIENT_REGISTRATION_EVENTS, ({ patientId }) => ({ patientId }));
