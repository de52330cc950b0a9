import { ProcessState } from '../shared/command';
import { DecisionContext, assertNever, metadataFor } from '../shared/event';
import { ProcessStep, Transition, applyTransition, assertPending } from '../shared/process';
import {
  PatientCreationRequest,
  PatientCreationResult,
  PatientRegistrationEvent,
} from './patient-registration.events';

export type PatientRegistrationState = ProcessState<PatientCreationRequest, PatientCreationResult>;

export type PatientRegistrationStep = ProcessStep<PatientCreationRequest, PatientCreationResult>;

export const initialPatientRegistrationState: PatientRegistrationState = { status: 'absent' };

export function decidePatientRegistration(
  state: PatientRegistrationState,
  step: PatientRegistrationStep,
  context: DecisionContext,
): PatientRegistrationEvent[] {
  const metadata = metadataFor(context);
  if (step.kind === 'request') {
    return state.status === 'absent'
      ? [{ type: 'PatientCreationRequested', data: step.request, metadata }]
      : [];
  }
  assertPending(state);
  const outcome = step.outcome;
  switch (outcome.kind) {
    case 'succeeded':
      return [{ type: 'PatientCreated', data: { ...outcome.result, via: outcome.via }, metadata }];
    case 'rejected':
      return [{ type: 'PatientCreationRejected', data: { reason: outcome.reason }, metadata }];
    case 'failed':
      return [{ type: 'PatientCreationFailed', data: { reason: outcome.reason }, metadata }];
    case 'not-found':
      return [{ type: 'PatientNotFoundInPms', data: {}, metadata }];
    default:
      return assertNever(outcome);
  }
}

function transitionOf(
  event: PatientRegistrationEvent,
): Transition<PatientCreationRequest, PatientCreationResult> {
  switch (event.type) {
    case 'PatientCreationRequested':
      return { to: 'pending', request: event.data };
    case 'PatientCreated':
      return { to: 'succeeded', result: { patientId: event.data.patientId } };
    case 'PatientCreationRejected':
      return { to: 'rejected', reason: event.data.reason };
    case 'PatientCreationFailed':
      return { to: 'failed', reason: event.data.reason };
    case 'PatientNotFoundInPms':
      return { to: 'unchanged' };
    default:
      return assertNever(event);
  }
}

export function evolvePatientRegistration(
  state: PatientRegistrationState,
  event: PatientRegistrationEvent,
): PatientRegistrationState {
  return applyTransition(state, transitionOf(event));
}

export const foldPatientRegistration = (
  events: readonly PatientRegistrationEvent[],
): PatientRegistrationState =>
  events.reduce(evolvePatientRegistration, initialPatientRegistrationState);
