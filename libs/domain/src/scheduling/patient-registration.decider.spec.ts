import { nextStep } from './command';
import { deterministicContext, metadataOf } from '../shared/deterministic-context.testing';
import {
  PatientRegistrationStep,
  decidePatientRegistration,
  foldPatientRegistration,
} from './patient-registration.decider';
import { PatientRegistrationEvent } from './patient-registration.events';

const request = { providedFields: ['firstName', 'lastName', 'dateOfBirth'] };
const requested: PatientRegistrationEvent = {
  type: 'PatientCreationRequested',
  data: request,
  metadata: metadataOf('evt-0'),
};

function given(history: PatientRegistrationEvent[]) {
  return {
    when: (step: PatientRegistrationStep) =>
      decidePatientRegistration(foldPatientRegistration(history), step, deterministicContext()),
  };
}

describe('patient registration decider', () => {
  it('records a request that names the fields sent, not their values', () => {
    expect(given([]).when({ kind: 'request', request })).toEqual([
      { type: 'PatientCreationRequested', data: request, metadata: metadataOf('evt-1') },
    ]);
  });

  it('records nothing for a repeated request', () => {
    expect(given([requested]).when({ kind: 'request', request })).toEqual([]);
  });

  it.each([
    [
      { kind: 'succeeded', result: { patientId: 'P9' }, via: 'call' } as const,
      'PatientCreated',
      { patientId: 'P9', via: 'call' },
    ],
    [
      { kind: 'rejected', reason: 'invalid' } as const,
      'PatientCreationRejected',
      { reason: 'invalid' },
    ],
    [{ kind: 'failed', reason: 'down' } as const, 'PatientCreationFailed', { reason: 'down' }],
    [{ kind: 'not-found' } as const, 'PatientNotFoundInPms', {}],
  ])('records outcome %j as %s', (outcome, type, data) => {
    expect(given([requested]).when({ kind: 'record', outcome })).toEqual([
      { type, data, metadata: metadataOf('evt-1') },
    ]);
  });

  it('cannot record an outcome before a request', () => {
    const outcome = { kind: 'failed', reason: 'x' } as const;
    expect(() => given([]).when({ kind: 'record', outcome })).toThrow(/absent/);
  });

  it('folds a rejection into a terminal state', () => {
    const rejected: PatientRegistrationEvent = {
      type: 'PatientCreationRejected',
      data: { reason: 'duplicate' },
      metadata: metadataOf('evt-1'),
    };
    const state = foldPatientRegistration([requested, rejected]);
    expect(state).toEqual({ status: 'rejected', request, reason: 'duplicate', revision: 1 });
    expect(nextStep(state)).toBe('done');
  });
});
