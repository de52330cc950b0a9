import { nextStep } from './command';
import { fold } from '../shared/decider';
import { deciderSpecification } from '../shared/decider-specification.testing';
import { metadataOf } from '../shared/deterministic-context.testing';
import { patientRegistrationDecider } from './patient-registration.decider';
import { PatientRegistrationEvent } from './patient-registration.events';

const request = { providedFields: ['firstName', 'lastName', 'dateOfBirth'] };
const requested: PatientRegistrationEvent = {
  type: 'PatientCreationRequested',
  data: request,
  metadata: metadataOf('evt-0'),
};
const given = deciderSpecification(patientRegistrationDecider);

describe('patient registration decider', () => {
  it('records a request that names the fields sent, not their values', () => {
    given([])
      .when({ kind: 'request', request })
      .then([{ type: 'PatientCreationRequested', data: request, metadata: metadataOf('evt-1') }]);
  });

  it('records nothing for a repeated request', () => {
    given([requested]).when({ kind: 'request', request }).thenNothing();
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
    given([requested])
      .when({ kind: 'record', outcome })
      .then([{ type, data, metadata: metadataOf('evt-1') } as PatientRegistrationEvent]);
  });

  it('cannot record an outcome before a request', () => {
    const outcome = { kind: 'failed', reason: 'x' } as const;
    given([])
      .when({ kind: 'record', outcome })
      .thenThrows(/absent/);
  });

  it('folds a rejection into a terminal state', () => {
    const rejected: PatientRegistrationEvent = {
      type: 'PatientCreationRejected',
      data: { reason: 'duplicate' },
      metadata: metadataOf('evt-1'),
    };
    const state = fold(patientRegistrationDecider, [requested, rejected]);
    expect(state).toEqual({ status: 'rejected', request, reason: 'duplicate', revision: 1 });
    expect(nextStep(state)).toBe('done');
  });
});
